#include "extract/isolation.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "extract/test_cfb.h"

namespace leakgraph::extract {
namespace {

TEST(IsolationTest, ADocumentComesBackWhole) {
  std::string msg = WriteCompoundFile({
      {"__substg1.0_0037001F", Utf16Le("Subject with ünïcode")},
      {"__substg1.0_1000001F", Utf16Le("body text")},
      {"__attach_version1.0_#00000000/__substg1.0_3707001F", Utf16Le("a.bin")},
      {"__attach_version1.0_#00000000/__substg1.0_37010102", std::string("\0\1\2binary\xFF", 10)},
  });
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find("application/x-ole-storage");
  auto direct = handler->Extract({msg, "m.msg", ""});
  auto isolated = ExtractIsolated(*handler, {msg, "m.msg", ""}, IsolationLimits{});
  ASSERT_TRUE(direct.ok());
  ASSERT_TRUE(isolated.ok()) << isolated.status().message();
  EXPECT_EQ(isolated->title, direct->title);
  EXPECT_EQ(isolated->text, direct->text);
  EXPECT_EQ(isolated->metadata, direct->metadata);
  ASSERT_EQ(isolated->children.size(), 1u);
  EXPECT_EQ(isolated->children[0].bytes, std::string("\0\1\2binary\xFF", 10));
  EXPECT_EQ(isolated->children[0].name, "a.bin");
}

TEST(IsolationTest, AnErrorComesBackWithItsMessage) {
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find("application/x-ole-storage");
  auto isolated = ExtractIsolated(*handler, {"not a compound file", "x.doc", ""}, IsolationLimits{});
  ASSERT_FALSE(isolated.ok());
  EXPECT_EQ(isolated.status().message(), "corrupt compound file: no OLE2 signature");
  EXPECT_EQ(isolated.status().code(), StatusCode::kInvalidInput);
}

std::string Probe(const std::string& what) {
  auto probe = MakeSandboxProbeHandler();
  auto result = ExtractIsolated(*probe, {what, "probe", ""}, IsolationLimits{});
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? result->text : "";
}

// The test binaries have the parser server (tests/test_main.cc), as leakgraph does.
TEST(IsolationTest, ParsesRunInChildrenOfTheParserServerNotOfTheCaller) {
  std::string first = Probe("ppid");
  ASSERT_FALSE(first.empty());
  EXPECT_NE(first, std::to_string(getpid()));
  EXPECT_EQ(Probe("ppid"), first);  // one server for all parses
}

TEST(IsolationTest, ADeadParserServerIsStartedAgain) {
  std::string server = Probe("ppid");
  ASSERT_FALSE(server.empty());
  ASSERT_EQ(kill(std::stoi(server), SIGKILL), 0);
  // Once it is dead (a zombie until the caller reaps it), the next parse finds out.
  for (int i = 0; i < 500; ++i) {
    std::ifstream stat("/proc/" + server + "/stat");
    std::string pid, name, state;
    stat >> pid >> name >> state;
    if (state == "Z" || state.empty()) break;
    usleep(10000);
  }
  std::string next = Probe("ppid");
  EXPECT_FALSE(next.empty());
  EXPECT_NE(next, server);
}

TEST(IsolationTest, TheSandboxRefusesNetworkSocketsExecAndPtrace) {
  if (!SandboxHasSeccomp()) GTEST_SKIP() << "built without libseccomp";
  EXPECT_EQ(Probe("socket-inet"), "Operation not permitted");
  EXPECT_EQ(Probe("exec"), "Operation not permitted");
  EXPECT_EQ(Probe("ptrace"), "Operation not permitted");
  EXPECT_EQ(Probe("socket-unix"), "ok");  // what is not refused still works
}

TEST(IsolationTest, ACrashHangOrMemoryHogBecomesAnError) {
  auto faults = MakeTestFaultHandler();
  auto crashed = ExtractIsolated(*faults, {"%LEAKGRAPH-TEST-FAULT crash", "f", ""}, IsolationLimits{});
  ASSERT_FALSE(crashed.ok());
  EXPECT_EQ(crashed.status().message(), "parser crashed: signal 11 (Segmentation fault)");

  IsolationLimits short_limits;
  short_limits.timeout = std::chrono::seconds(1);
  auto hung = ExtractIsolated(*faults, {"%LEAKGRAPH-TEST-FAULT hang", "f", ""}, short_limits);
  ASSERT_FALSE(hung.ok());
  EXPECT_EQ(hung.status().message(), "parser timed out after 1 s");

  IsolationLimits small;
  small.memory_bytes = 256ull << 20;
  auto hog = ExtractIsolated(*faults, {"%LEAKGRAPH-TEST-FAULT oom", "f", ""}, small);
  ASSERT_FALSE(hog.ok());
#ifndef __SANITIZE_ADDRESS__  // under ASan its own allocator dies first, without our exit code
  EXPECT_NE(hog.status().message().find("out of memory (limit 256 MB)"), std::string::npos)
      << hog.status().message();
#endif

  // The server outlives its children's deaths.
  auto fine = ExtractIsolated(*faults, {"%LEAKGRAPH-TEST-FAULT fine", "f", ""}, IsolationLimits{});
  ASSERT_TRUE(fine.ok()) << fine.status().message();
  EXPECT_EQ(fine->text, "fine");
}

TEST(IsolationTest, ManyThreadsParseAtOnce) {
  const FormatHandler* handler = HandlerRegistry::BuiltIn().Find("application/x-ole-storage");
  std::vector<std::thread> threads;
  std::vector<std::string> messages(8);
  for (std::size_t t = 0; t < messages.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        auto r = ExtractIsolated(*handler, {"not a compound file", "x.doc", ""}, IsolationLimits{});
        messages[t] = r.ok() ? "ok?" : r.status().message();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& m : messages) EXPECT_EQ(m, "corrupt compound file: no OLE2 signature");
}

}  // namespace
}  // namespace leakgraph::extract
