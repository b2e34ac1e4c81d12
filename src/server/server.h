// `leakgraph serve`: the HTTP server in front of server::Api and the embedded
// web assets. Secure by default: it binds 127.0.0.1, checks the Host header
// (against DNS rebinding) when it has no token, requires a bearer token for
// /api/ when it has one, refuses traversal-looking URLs, accepts POST only on
// the decision endpoints and only from its own pages (http_security.h
// CsrfRefusal), and sends the same security headers with every response.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "leakgraph/status.h"
#include "store/investigation.h"

namespace httplib {
class Server;
}

namespace leakgraph::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8484;          // 0: any free port (see HttpServer::Bind)
  std::string token;        // non-empty: /api/ requests must present it
  bool read_only = false;   // every non-GET request gets 403
  std::size_t threads = 4;  // worker threads, at most kMaxThreads
};

inline constexpr std::size_t kMaxThreads = 32;

class HttpServer {
 public:
  HttpServer(store::Investigation investigation, ServeOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; returns the port (the free one chosen when
  // options.port is 0).
  [[nodiscard]] Result<int> Bind();
  // Serves requests until Stop(). REQUIRES: Bind() succeeded.
  [[nodiscard]] Status Run();
  // Makes Run() return; callable from another thread.
  void Stop();

 private:
  void InstallHandlers();

  store::Investigation investigation_;
  ServeOptions options_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace leakgraph::server
