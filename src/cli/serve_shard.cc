// leakgraph serve-shard CASE --listen ADDR:PORT: serves the index of one shard
// folder over Xapian's remote protocol, for a cluster's searches (src/cluster/).
// It runs Debian's xapian-tcpsrv (xapian-tools) over the folder's index shards,
// combined in shard order so that the served docids are the store ids.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/command.h"
#include "cli/util.h"
#include "cluster/cluster.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("serve-shard", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("serve-shard",
                                 "Serve a shard folder's index to a cluster over Xapian's remote protocol");
  struct Args {
    std::string dir;
    std::string listen;
    unsigned idle_timeout_s = 600;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The shard's investigation folder (from: leakgraph ingest --shard K/N)")
      ->required();
  cmd->add_option("--listen", args->listen, "ADDR:PORT to listen on, e.g. 0.0.0.0:9701 (the remote protocol "
                                            "has no authentication: listen on a private network only)")
      ->required();
  cmd->add_option("--idle-timeout", args->idle_timeout_s,
                  "Close connections idle this many seconds (default 600; searchers reconnect)");
  cmd->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    std::string host;
    int port = 0;
    if (!cluster::ParseHostPort(args->listen, host, port)) {
      return Fail("--listen expects ADDR:PORT with a port from 1 to 65535, e.g. 127.0.0.1:9701");
    }
    std::string index = inv->index_path();
    std::ifstream shards_file(index + "/shards");
    unsigned n = 0;
    if (!(shards_file >> n) || n == 0) {
      return Fail(index + ": no index here (run: leakgraph reindex " + args->dir + ")");
    }
    std::vector<std::string> argv_strings = {"xapian-tcpsrv", "--quiet", "--port", std::to_string(port),
                                             "--interface", host, "--idle-timeout",
                                             std::to_string(static_cast<unsigned long>(args->idle_timeout_s) * 1000)};
    for (unsigned k = 0; k < n; ++k) {
      std::string shard = index + "/shard-" + std::to_string(k);
      if (!std::filesystem::is_directory(shard)) return Fail(shard + ": missing index shard (run: leakgraph reindex)");
      argv_strings.push_back(shard);
    }
    std::printf("leakgraph: serving the index of %s on %s (xapian-tcpsrv; stop with Ctrl-C)\n",
                inv->dir().string().c_str(), args->listen.c_str());
    std::fflush(stdout);
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp("xapian-tcpsrv", argv.data());
    Fail(std::string("cannot run xapian-tcpsrv (install Debian's xapian-tools): ") + std::strerror(errno));
  });
});

}  // namespace
}  // namespace leakgraph::cli
