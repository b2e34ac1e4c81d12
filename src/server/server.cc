#include "server/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <fstream>
#include <utility>

#include "server/api.h"
#include "server/graph_api.h"
#include "server/entity_api.h"
#include "server/http_security.h"
#include "server/web_assets.h"

namespace leakgraph::server {
namespace {

using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;

constexpr std::size_t kFileChunk = 64 * 1024;

void Send(Response& res, ApiResponse r) {
  res.status = r.status;
  for (auto& [name, value] : r.headers) res.set_header(name, value);
  if (r.file_path.empty()) {
    res.set_content(r.body, r.content_type);
    return;
  }
  auto file = std::make_shared<std::ifstream>(r.file_path, std::ios::binary);
  if (!*file) {
    Send(res, ErrorResponse(404, "the original file can no longer be read"));
    return;
  }
  res.set_content_provider(static_cast<std::size_t>(r.file_size), r.content_type,
                           [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             std::string buffer(std::min(length, kFileChunk), '\0');
                             file->seekg(static_cast<std::streamoff>(offset));
                             file->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                             auto got = static_cast<std::size_t>(file->gcount());
                             if (got == 0) return false;  // the file shrank: end the response early
                             return sink.write(buffer.data(), got);
                           });
}

// The token of a request: "Authorization: Bearer T" or ?token=T.
std::string PresentedToken(const Request& req) {
  std::string auth = req.get_header_value("Authorization");
  const std::string bearer = "Bearer ";
  if (auth.compare(0, bearer.size(), bearer) == 0) return auth.substr(bearer.size());
  return req.get_param_value("token");
}

bool IsApiPath(const std::string& path) {
  return path == "/api" || path.rfind("/api/", 0) == 0;
}

// Returns true iff `path` is one of the POST endpoints (/api/entities/ACTION).
bool IsWritePath(const std::string& path) {
  for (const char* action : kDecisionActions)
    if (path == std::string("/api/entities/") + action) return true;
  return false;
}

}  // namespace

HttpServer::HttpServer(store::Investigation investigation, ServeOptions options)
    : investigation_(std::move(investigation)),
      options_(std::move(options)),
      server_(std::make_unique<httplib::Server>()) {
  InstallHandlers();
}

HttpServer::~HttpServer() = default;

void HttpServer::InstallHandlers() {
  httplib::Server& svr = *server_;
  std::size_t threads = std::clamp<std::size_t>(options_.threads, 1, kMaxThreads);
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_payload_max_length(64 * 1024);
  // Without TCP_NODELAY a kept-alive connection waits on Nagle and delayed
  // ACKs: ~40 ms per request where a fresh connection takes 1 ms
  // (bench/suite). Browsers keep connections alive, so keep up to 100 requests.
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(100);
  // httplib's default also sets SO_REUSEPORT, which lets a second process
  // (another server, or anyone's) bind the same port and take requests.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  httplib::Headers security;
  for (const auto& [name, value] : kSecurityHeaders) security.emplace(name, value);
  svr.set_default_headers(security);

  // Runs before routing: every refusal happens here, in this order.
  svr.set_pre_routing_handler([this](const Request& req, Response& res) {
    if (IsTraversalAttempt(req.target) || IsTraversalAttempt(req.path)) {
      Send(res, ErrorResponse(400, "path traversal refused"));
      return HandlerResponse::Handled;
    }
    if (options_.token.empty()) {
      // Without a token the server is only for this machine: a page from
      // elsewhere that rebinds its DNS name to 127.0.0.1 sends its own name.
      if (!IsLoopbackHostHeader(req.get_header_value("Host"))) {
        Send(res, ErrorResponse(403, "the Host header must name a loopback address"));
        return HandlerResponse::Handled;
      }
    } else if (IsApiPath(req.path) && !TokensEqual(PresentedToken(req), options_.token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      Send(res,
           ErrorResponse(401, "an access token is required (Authorization: Bearer TOKEN or ?token=TOKEN)"));
      return HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      if (options_.read_only) {
        Send(res, ErrorResponse(403, "the server is read-only"));
        return HandlerResponse::Handled;
      }
      if (req.method != "POST" || !IsWritePath(req.path)) {
        res.set_header("Allow", IsWritePath(req.path) ? "POST" : "GET, HEAD");
        Send(res, ErrorResponse(405, IsWritePath(req.path) ? "only POST is supported here"
                                                          : "only GET and HEAD are supported"));
        return HandlerResponse::Handled;
      }
      WriteRequestHeaders write{req.get_header_value("Content-Type"),
                                req.get_header_value(kWriteRequestHeader),
                                !options_.token.empty() && req.has_header("Authorization") &&
                                    TokensEqual(PresentedToken(req), options_.token),
                                req.get_header_value("Origin"),
                                req.get_header_value("Host"),
                                req.get_header_value("Sec-Fetch-Site")};
      if (auto refusal = CsrfRefusal(write)) {
        Send(res, ErrorResponse(403, *refusal));
        return HandlerResponse::Handled;
      }
    }
    return HandlerResponse::Unhandled;
  });
  // Unknown paths (and errors httplib raises itself) answer in JSON too.
  svr.set_error_handler(httplib::Server::HandlerWithResponse([](const Request&, Response& res) {
    if (!res.body.empty()) return HandlerResponse::Unhandled;
    int status = res.status;
    Send(res, ErrorResponse(status, status == 404 ? "not found" : "the request was refused"));
    return HandlerResponse::Handled;
  }));

  for (const auto& asset : WebAssets()) {
    svr.Get(asset.path, [&asset](const Request&, Response& res) {
      res.set_content(asset.body.data(), asset.body.size(), asset.content_type);
    });
  }
  auto api = std::make_shared<Api>(investigation_);
  svr.Get("/api/status", [api](const Request&, Response& res) { Send(res, api->Status()); });
  svr.Get("/api/search", [api](const Request& req, Response& res) { Send(res, api->Search(req.params)); });
  svr.Get("/api/mentions",
          [api](const Request& req, Response& res) { Send(res, api->Mentions(req.params)); });
  svr.Get(R"(/api/documents/(\d{1,18}))",
          [api](const Request& req, Response& res) { Send(res, api->Document(req.matches[1].str())); });
  svr.Get(R"(/api/documents/(\d{1,18})/original)",
          [api](const Request& req, Response& res) { Send(res, api->Original(req.matches[1].str())); });
  auto entities = std::make_shared<EntityApi>(investigation_);
  svr.Get("/api/entities",
          [entities](const Request& req, Response& res) { Send(res, entities->List(req.params)); });
  svr.Get(R"(/api/entities/(\d{1,18}))",
          [entities](const Request& req, Response& res) { Send(res, entities->Get(req.matches[1].str())); });
  auto graph = std::make_shared<GraphApi>(investigation_);
  svr.Get("/api/ties", [graph](const Request& req, Response& res) { Send(res, graph->Ties(req.params)); });
  svr.Get("/api/network", [graph](const Request& req, Response& res) { Send(res, graph->Network(req.params)); });
  svr.Get("/api/path", [graph](const Request& req, Response& res) { Send(res, graph->Path(req.params)); });
  svr.Get("/api/timeline", [graph](const Request& req, Response& res) { Send(res, graph->Timeline(req.params)); });
  svr.Get("/api/payments", [graph](const Request& req, Response& res) { Send(res, graph->Payments(req.params)); });
  svr.Get("/api/top", [graph](const Request& req, Response& res) { Send(res, graph->Top(req.params)); });
  for (const char* action : kDecisionActions) {
    svr.Post(std::string("/api/entities/") + action, [entities, action](const Request& req, Response& res) {
      Send(res, entities->Decide(action, req.body));
    });
  }
}

Result<int> HttpServer::Bind() {
  int port = options_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(options_.host);
    if (port < 0) port = 0;
  } else if (!server_->bind_to_port(options_.host, port)) {
    port = 0;
  }
  if (port <= 0) {
    return Status::IoError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                           " (address in use, or not an address of this machine)");
  }
  return port;
}

Status HttpServer::Run() {
  if (!server_->listen_after_bind()) return Status::IoError("the server stopped with an error");
  return Status::Ok();
}

void HttpServer::Stop() {
  server_->stop();
}

}  // namespace leakgraph::server
