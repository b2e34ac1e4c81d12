// leakgraph serve CASE: the JSON API and the web UI over HTTP (src/server/).
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/util.h"
#include "cluster/cluster.h"
#include "server/http_security.h"
#include "server/server.h"

namespace leakgraph::cli {
namespace {

// Splits "ADDR:PORT" ("[::1]:8484" for IPv6) into its parts.
bool ParseListen(const std::string& listen, std::string& host, int& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
  host = listen.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    return used == listen.size() - colon - 1 && port >= 0 && port <= 65535;
  } catch (const std::exception&) {
    return false;
  }
}

CommandRegistration kRegister("serve", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "Serve the investigation over HTTP: JSON API and web UI");
  struct Args {
    std::string dir;
    std::string listen = "127.0.0.1:8484";
    int port = -1;
    std::string token;
    bool require_token = false;
    bool read_only = false;
    std::size_t threads = 4;
    std::string cluster;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("--listen", args->listen,
                  "ADDR:PORT to listen on (default 127.0.0.1:8484; port 0: any free port)");
  cmd->add_option("--port", args->port, "Port on 127.0.0.1 (shortcut for --listen 127.0.0.1:PORT)");
  cmd->add_option("--token", args->token,
                  "Access token the API requires (generated when needed and not given)");
  cmd->add_flag("--require-token", args->require_token, "Require a token even on a loopback address");
  cmd->add_flag("--read-only", args->read_only, "Refuse every write request with 403");
  cmd->add_option("--threads", args->threads, "Worker threads (1 to 32, default 4)");
  cmd->add_option("--cluster", args->cluster,
                  "Search the shard servers of this cluster file (default: CASE/cluster if present)");
  cmd->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    server::ServeOptions options;
    if (args->port >= 0) {
      if (args->port > 65535) return Fail("--port must be from 0 to 65535");
      options.host = "127.0.0.1";
      options.port = args->port;
    } else if (!ParseListen(args->listen, options.host, options.port)) {
      return Fail("--listen expects ADDR:PORT, e.g. 127.0.0.1:8484 or [::1]:8484");
    }
    if (!args->cluster.empty()) {
      auto shards = cluster::ReadClusterFile(args->cluster);
      if (!shards.ok()) return Fail(shards.status().message());
      cluster::SetServeCluster(args->cluster);
    }
    if (args->threads < 1 || args->threads > server::kMaxThreads)
      return Fail("--threads must be from 1 to 32");
    options.threads = args->threads;
    options.read_only = args->read_only;
    options.token = args->token;
    bool need_token = args->require_token || !server::IsLoopbackHost(options.host);
    bool generated = false;
    if (need_token && options.token.empty()) {
      auto token = server::GenerateToken();
      if (!token.ok()) return Fail(token.status().message());
      options.token = *token;
      generated = true;
    }
    server::HttpServer http(*inv, options);
    auto port = http.Bind();
    if (!port.ok()) return Fail(port.status().message());
    std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    std::string url = "http://" + host + ":" + std::to_string(*port) + "/";
    std::printf("leakgraph: serving %s at %s (Ctrl-C to stop)\n", inv->dir().string().c_str(), url.c_str());
    if (!options.token.empty()) {
      if (generated) std::printf("leakgraph: access token: %s\n", options.token.c_str());
      std::printf("leakgraph: open %s#token=%s (API clients: Authorization: Bearer TOKEN)\n", url.c_str(),
                  generated ? options.token.c_str() : "TOKEN");
    }
    if (options.read_only) std::printf("leakgraph: read-only\n");
    std::fflush(stdout);
    if (Status s = http.Run(); !s.ok()) return Fail(s.message());
  });
});

}  // namespace
}  // namespace leakgraph::cli
