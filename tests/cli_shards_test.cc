// Issue 9 end to end: the sample archive ingested as three shard folders
// (`ingest --shard K/3`), each served on loopback by `serve-shard`
// (xapian-tcpsrv), searched through a cluster file, and merged into one
// entity graph by `merge-graph`; compared with the single-machine folder of
// the same archive. Then a shard is killed: the CLI and the HTTP API (which
// keeps its shard connections open, so the shard dies under a live query)
// answer from the other shards with a warning naming it.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A leakgraph process in its own process group (xapian-tcpsrv forks one child
// per connection: killing the group is killing the machine). Killed on destruction.
class Process {
 public:
  // stderr goes to `stderr_path` when given (xapian-tcpsrv reports every
  // connection closed early, such as the readiness probes, there).
  explicit Process(std::vector<std::string> args, const std::string& stderr_path = "") {
    int fds[2];
    if (pipe(fds) != 0) return;
    std::string bin = LeakgraphBinary();
    args.insert(args.begin(), bin);
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);
      dup2(fds[1], STDOUT_FILENO);
      if (!stderr_path.empty()) {
        int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (err >= 0) dup2(err, STDERR_FILENO);
      }
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    setpgid(pid_, pid_);
    close(fds[1]);
    out_fd_ = fds[0];
  }
  ~Process() {
    Kill();
    if (out_fd_ >= 0) close(out_fd_);
  }
  // Reads stdout until a line containing `text` (at most 30 s).
  bool WaitFor(const std::string& text) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (output_.find(text) == std::string::npos ||
           output_.find('\n', output_.find(text)) == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{out_fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char buf[512];
      ssize_t n = read(out_fd_, buf, sizeof buf);
      if (n <= 0) return false;
      output_.append(buf, static_cast<std::size_t>(n));
    }
    return true;
  }
  void Kill() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  const std::string& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string output_;
};

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

bool CanConnect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// GET http://127.0.0.1:port/target; the body (the server closes the connection).
std::string HttpGetBody(int port, const std::string& target) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nConnection: close\r\n\r\n";
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
    char buf[4096];
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) response.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  auto body = response.find("\r\n\r\n");
  return body == std::string::npos ? "" : response.substr(body + 4);
}

bool HaveTcpsrv() { return RunShell("command -v xapian-tcpsrv").exit_code == 0; }

json JsonOf(const CommandResult& r) {
  auto j = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j;
}

// Hits as (percent, path), sorted: the order of equal weights depends on docids.
std::vector<std::pair<int, std::string>> HitSet(const json& search) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& h : search["hits"]) out.emplace_back(-h["percent"].get<int>(), h["path"].get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

// Entities as "type|name|mentions" -> sorted "script:alias" list (ids differ between folders).
std::map<std::string, std::vector<std::string>> EntitySet(const json& entities) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& e : entities["entities"]) {
    std::vector<std::string> aliases;
    for (const auto& [script, list] : e["aliases"].items()) {
      for (const auto& a : list) aliases.push_back(script + ":" + a.get<std::string>());
    }
    std::sort(aliases.begin(), aliases.end());
    out[e["type"].get<std::string>() + "|" + e["name"].get<std::string>() + "|" + e["mentions"].dump()] = aliases;
  }
  return out;
}

// Ties as "type source -> target weight/documents evidence-count".
std::multiset<std::string> TieSet(const json& ties) {
  std::multiset<std::string> out;
  for (const auto& t : ties["ties"]) {
    out.insert(t["type"].get<std::string>() + " " + t["source"]["name"].get<std::string>() + " -> " +
               t["target"]["name"].get<std::string>() + " " + t["weight"].dump() + "/" + t["documents"].dump() +
               " " + std::to_string(t["evidence"].size()));
  }
  return out;
}

class ShardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HaveTcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (Debian xapian-tools) is not installed";
    archive_ = SourceDir() / "examples" / "sample-archive";
    single_ = tmp_ / "single";
    auto r = RunLeakgraph({"ingest", "-q", single_.string(), archive_.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string cluster;
    for (int k = 1; k <= 3; ++k) {
      fs::path dir = tmp_ / ("shard" + std::to_string(k));
      r = RunLeakgraph({"ingest", "-q", "--shard", std::to_string(k) + "/3", dir.string(), archive_.string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      ports_.push_back(FreePort());
      servers_.push_back(std::make_unique<Process>(
          std::vector<std::string>{"serve-shard", dir.string(), "--listen",
                                   "127.0.0.1:" + std::to_string(ports_.back())},
          (tmp_ / ("serve-shard" + std::to_string(k) + ".log")).string()));
      ASSERT_TRUE(servers_.back()->WaitFor("serving the index")) << servers_.back()->output();
      cluster += "s" + std::to_string(k) + " 127.0.0.1:" + std::to_string(ports_.back()) + " shard" +
                 std::to_string(k) + "\n";
    }
    cluster_ = tmp_ / "cluster.txt";
    WriteFile(cluster_, "# three shards of the sample archive\n" + cluster);
    for (int port : ports_) {
      for (int i = 0; i < 100 && !CanConnect(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      ASSERT_TRUE(CanConnect(port)) << "shard server on port " << port << " never listened";
    }
  }

  json Search(const fs::path& where, const std::string& query, bool facets = false) {
    std::vector<std::string> args = {"search", where.string(), query, "--json", "-n", "100"};
    if (facets) args.push_back("--facets");
    auto r = RunLeakgraph(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return JsonOf(r);
  }

  TempDir tmp_;
  fs::path archive_, single_, cluster_;
  std::vector<int> ports_;
  std::vector<std::unique_ptr<Process>> servers_;
};

TEST_F(ShardsTest, ShardFlagIsCheckedAndPartitionsTheFiles) {
  auto r = RunLeakgraph({"ingest", "-q", "--shard", "4/3", (tmp_ / "bad").string(), archive_.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--shard 4/3: expected K/N"), std::string::npos) << r.err;
  // Every file of the archive is at top level in exactly one shard, and
  // embedded parts are in the shard of their container.
  std::multiset<std::string> files, sharded;
  for (const auto& e : fs::recursive_directory_iterator(archive_)) {
    if (e.is_regular_file()) files.insert(e.path().string());
  }
  std::set<std::string> single_paths, shard_paths;
  for (const auto& d : JsonOf(RunLeakgraph({"documents", single_.string(), "--json"}))) {
    for (const auto& p : d["paths"]) single_paths.insert(p.get<std::string>());
  }
  for (int k = 1; k <= 3; ++k) {
    json docs = JsonOf(RunLeakgraph({"documents", (tmp_ / ("shard" + std::to_string(k))).string(), "--json"}));
    EXPECT_FALSE(docs.empty()) << "shard " << k << " is empty";
    std::set<std::string> tops;
    for (const auto& d : docs) {
      for (const auto& p : d["paths"]) {
        std::string path = p.get<std::string>();
        shard_paths.insert(path);
        if (path.find("//") == std::string::npos) {
          sharded.insert(path);
          tops.insert(path);
        }
      }
    }
    for (const auto& d : docs) {
      for (const auto& p : d["paths"]) {
        std::string path = p.get<std::string>();
        auto inner = path.find("//");
        if (inner != std::string::npos) {
          EXPECT_TRUE(tops.count(path.substr(0, inner))) << path << " left its container";
        }
      }
    }
  }
  EXPECT_EQ(sharded, files);
  EXPECT_EQ(shard_paths, single_paths);
}

TEST_F(ShardsTest, ClusterSearchEqualsSingleMachineSearch) {
  // Words, stemmed words (through the shards' synonym tables), phrases, fields, OR, booleans.
  for (const std::string query : {"Kamalvand", "payment", "Arzhan Foundation", "transfers", "reported",
                                  "person:voss", "\"money route\"", "ambassador OR minister", "type:email"}) {
    json single = Search(single_, query, true);
    json cluster = Search(cluster_, query, true);
    ASSERT_FALSE(single["hits"].empty()) << query;
    EXPECT_EQ(HitSet(cluster), HitSet(single)) << query;
    // The same top hit (when it is not tied: ties are ordered by docid, which differ).
    if (single["hits"].size() == 1 || single["hits"][0]["percent"] != single["hits"][1]["percent"]) {
      EXPECT_EQ(cluster["hits"][0]["path"], single["hits"][0]["path"]) << query;
    }
    EXPECT_EQ(cluster["total"], single["total"]) << query;
    EXPECT_TRUE(cluster["warnings"].empty()) << cluster["warnings"].dump();
    std::set<std::string> shards;
    for (const auto& h : cluster["hits"]) {
      shards.insert(h["shard"].get<std::string>());
      EXPECT_FALSE(h["snippet_html"].get<std::string>().empty()) << query << ": " << h.dump();
    }
    EXPECT_FALSE(shards.count("")) << query;
    for (const char* kind : {"person", "org", "place"}) {
      std::multiset<std::pair<std::string, int>> a, b;
      for (const auto& f : single["facets"][kind]) a.insert({f["key"].get<std::string>(), f["count"].get<int>()});
      for (const auto& f : cluster["facets"][kind]) b.insert({f["key"].get<std::string>(), f["count"].get<int>()});
      EXPECT_EQ(b, a) << query << " facet " << kind;
    }
  }
  // The same through the global folder that merge-graph wrote.
  auto merged = RunLeakgraph({"merge-graph", (tmp_ / "global").string(), cluster_.string()});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_EQ(HitSet(Search(tmp_ / "global", "Kamalvand")), HitSet(Search(single_, "Kamalvand")));
}

TEST_F(ShardsTest, MergedGraphEqualsSingleMachineGraph) {
  fs::path global = tmp_ / "global";
  auto r = RunLeakgraph({"merge-graph", global.string(), cluster_.string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json report = JsonOf(r);
  ASSERT_EQ(report["shards"].size(), 3u);
  for (const auto& s : report["shards"]) EXPECT_EQ(s["state"], "imported") << s.dump();
  EXPECT_TRUE(report["resolved"].get<bool>());

  json single_entities = JsonOf(RunLeakgraph({"entities", single_.string(), "--json"}));
  json global_entities = JsonOf(RunLeakgraph({"entities", global.string(), "--json"}));
  ASSERT_FALSE(single_entities.empty());
  EXPECT_EQ(EntitySet(global_entities), EntitySet(single_entities));

  json single_ties = JsonOf(RunLeakgraph({"ties", single_.string(), "--json"}));
  json global_ties = JsonOf(RunLeakgraph({"ties", global.string(), "--json"}));
  ASSERT_FALSE(single_ties["ties"].empty()) << single_ties.dump();
  EXPECT_EQ(TieSet(global_ties), TieSet(single_ties));

  // Incremental: nothing changed, nothing re-imported.
  r = RunLeakgraph({"merge-graph", global.string(), cluster_.string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  report = JsonOf(r);
  for (const auto& s : report["shards"]) EXPECT_EQ(s["state"], "unchanged") << s.dump();
  EXPECT_FALSE(report["resolved"].get<bool>());

  // One shard changes (a new file lands in it): only that shard is re-imported.
  fs::path extra = tmp_ / "extra";
  fs::create_directories(extra);
  WriteFile(extra / "note.txt", "Ambassador Hamid Kamalvand met Elena Voss in Dubai on 3 March 2019.\n");
  r = RunLeakgraph({"ingest", "-q", (tmp_ / "shard2").string(), (extra / "note.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunLeakgraph({"merge-graph", global.string(), cluster_.string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  report = JsonOf(r);
  std::map<std::string, std::string> states;
  for (const auto& s : report["shards"]) states[s["name"]] = s["state"];
  EXPECT_EQ(states, (std::map<std::string, std::string>{{"s1", "unchanged"}, {"s2", "imported"}, {"s3", "unchanged"}}));
  EXPECT_TRUE(report["resolved"].get<bool>());
  r = RunLeakgraph({"ingest", "-q", single_.string(), (extra / "note.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(EntitySet(JsonOf(RunLeakgraph({"entities", global.string(), "--json"}))),
            EntitySet(JsonOf(RunLeakgraph({"entities", single_.string(), "--json"}))));
}

TEST_F(ShardsTest, ShardKilledMidQueryGivesWarningAndTheOtherShardsAnswers) {
  json all = Search(cluster_, "Kamalvand");
  ASSERT_FALSE(all["hits"].empty());
  std::vector<std::pair<int, std::string>> expected;  // the hits of s1 and s2
  for (const auto& h : all["hits"]) {
    if (h["shard"] != "s3") expected.emplace_back(-h["percent"].get<int>(), h["path"].get<std::string>());
  }
  ASSERT_LT(expected.size(), all["hits"].size()) << "s3 holds none of the hits: pick another query";

  // The server keeps its shard connections: s3 dies under the next query.
  auto merged = RunLeakgraph({"merge-graph", (tmp_ / "global").string(), cluster_.string()});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  int port = FreePort();
  Process server({"serve", (tmp_ / "global").string(), "--cluster", cluster_.string(), "--port",
                  std::to_string(port)});
  ASSERT_TRUE(server.WaitFor("leakgraph: serving")) << server.output();
  json before = json::parse(HttpGetBody(port, "/api/search?q=Kamalvand&limit=100"), nullptr, false);
  ASSERT_FALSE(before.is_discarded());
  EXPECT_EQ(before["hits"].size(), all["hits"].size());
  EXPECT_TRUE(before["warnings"].empty());

  servers_[2]->Kill();
  json after = json::parse(HttpGetBody(port, "/api/search?q=Kamalvand&limit=100"), nullptr, false);
  ASSERT_FALSE(after.is_discarded());
  ASSERT_EQ(after["warnings"].size(), 1u) << after.dump();
  std::string warning = after["warnings"][0];
  EXPECT_NE(warning.find("shard s3 (127.0.0.1:" + std::to_string(ports_[2]) + ") did not answer"), std::string::npos)
      << warning;
  std::vector<std::pair<int, std::string>> got;
  for (const auto& h : after["hits"]) {
    EXPECT_NE(h["shard"], "s3");
    got.emplace_back(0, h["path"].get<std::string>());
  }
  std::set<std::string> expected_paths, got_paths;
  for (const auto& [p, path] : expected) expected_paths.insert(path);
  for (const auto& [p, path] : got) got_paths.insert(path);
  EXPECT_EQ(got_paths, expected_paths);

  // The CLI, with s3 down from the start: the same warning on stderr, the others' hits.
  auto r = RunLeakgraph({"search", cluster_.string(), "Kamalvand", "-n", "100", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: shard s3 (127.0.0.1:" + std::to_string(ports_[2]) + ") did not answer"),
            std::string::npos)
      << r.err;
  got_paths.clear();
  json partial = JsonOf(r);
  for (const auto& h : partial["hits"]) got_paths.insert(h["path"].get<std::string>());
  EXPECT_EQ(got_paths, expected_paths) << r.out;

  // No shard at all: an error naming them, not an empty answer.
  servers_[0]->Kill();
  servers_[1]->Kill();
  r = RunLeakgraph({"search", cluster_.string(), "Kamalvand"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no shard of the cluster answers"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("s1 (127.0.0.1:"), std::string::npos) << r.err;
}

TEST(ClusterFileTest, BadClusterFileIsRejectedWithFileAndLine) {
  TempDir tmp;
  WriteFile(tmp / "bad.txt", "s1 127.0.0.1:9701\ns2 nohostport\n");
  auto r = RunLeakgraph({"search", (tmp / "bad.txt").string(), "x"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("bad.txt:2: 'nohostport' is not HOST:PORT"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace leakgraph::testing
