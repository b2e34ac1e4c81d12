// Drives `leakgraph serve` as a browser or an API client would: the sample
// archive plus hostile documents (script tags, event handlers, javascript:
// links, a right-to-left override) served over loopback HTTP. Checks the JSON
// API, that document data never reaches the page as markup, the security
// headers on every kind of response, and the refusals (traversal, foreign
// Host, missing token, writes).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace leakgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// `leakgraph serve CASE ARGS... ` on a free port, killed on destruction.
class ServerProcess {
 public:
  // Waits until the server has printed the line starting with `ready` (its
  // last line of start-up output).
  ServerProcess(const fs::path& investigation, std::vector<std::string> args, const std::string& ready) {
    int fds[2];
    if (pipe(fds) != 0) return;
    std::string bin = LeakgraphBinary();
    args.insert(args.begin(), {bin, "serve", investigation.string()});
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    close(fds[1]);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (output_.find(ready) == std::string::npos ||
           output_.find('\n', output_.find(ready)) == std::string::npos) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fds[0], POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[512];
      ssize_t n = read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      output_.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    std::smatch m;
    if (std::regex_search(output_, m, std::regex(R"(serving .* at http://[^ ]+:(\d+)/)")))
      port_ = std::stoi(m[1]);
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  int port() const { return port_; }
  const std::string& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string output_;
};

// Sends `request` verbatim to 127.0.0.1:`port` (no client-side URL
// normalisation) and returns the whole response.
std::string RawRequest(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
    char buf[4096];
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) response.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  return response;
}

struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
    });
  }
};

// A parsed HTTP/1.1 response (the server answers "Connection: close" with a Content-Length).
struct HttpResponse {
  int status = -1;
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  std::string raw;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

HttpResponse ParseResponse(std::string raw) {
  HttpResponse r;
  r.raw = std::move(raw);
  auto end = r.raw.find("\r\n\r\n");
  if (end == std::string::npos) return r;
  std::smatch m;
  std::string head = r.raw.substr(0, end);
  if (std::regex_search(head, m, std::regex(R"(^HTTP/1\.[01] (\d{3}))"))) r.status = std::stoi(m[1]);
  std::size_t line = head.find("\r\n");
  while (line != std::string::npos) {
    std::size_t next = head.find("\r\n", line + 2);
    std::string h = head.substr(line + 2, next == std::string::npos ? std::string::npos : next - line - 2);
    if (auto colon = h.find(':'); colon != std::string::npos) {
      r.headers[h.substr(0, colon)] = h.substr(colon + 1 + (h.size() > colon + 1 && h[colon + 1] == ' '));
    }
    line = next;
  }
  r.body = r.raw.substr(end + 4);
  return r;
}

HttpResponse Http(int port, const std::string& method, const std::string& target,
                  const std::vector<std::string>& headers = {}, const std::string& host = "127.0.0.1") {
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n";
  for (const auto& h : headers) request += h + "\r\n";
  if (method == "POST" || method == "PUT")
    request += "Content-Type: text/plain\r\nContent-Length: 1\r\n\r\nx";
  else
    request += "\r\n";
  return ParseResponse(RawRequest(port, request));
}

// The number of decisions in the journal of `investigation`.
std::size_t JournalSize(const fs::path& investigation) {
  CommandResult r = RunLeakgraph({"decisions", investigation.string()});
  json j = json::parse(r.out, nullptr, false);
  return j.is_object() ? j["decisions"].size() : 0;
}

// A POST of `body` as JSON with `headers` (the UI sends X-Leakgraph-Request: 1).
HttpResponse PostJson(int port, const std::string& target, const std::string& body,
                      const std::vector<std::string>& headers = {"X-Leakgraph-Request: 1"}) {
  std::string request = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n";
  for (const auto& h : headers) request += h + "\r\n";
  return ParseResponse(RawRequest(port, request + "\r\n" + body));
}

HttpResponse Get(int port, const std::string& target, const std::vector<std::string>& headers = {}) {
  return Http(port, "GET", target, headers);
}

std::string UrlEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void ExpectSecurityHeaders(const HttpResponse& res, const std::string& what) {
  ASSERT_GT(res.status, 0) << what;
  EXPECT_EQ(res.Header("Content-Security-Policy"), kCsp) << what << "\n" << res.raw;
  EXPECT_EQ(res.Header("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(res.Header("Referrer-Policy"), "no-referrer") << what;
  EXPECT_EQ(res.Header("X-Frame-Options"), "DENY") << what;
}

const char kRlo[] = "\xE2\x80\xAE";  // U+202E RIGHT-TO-LEFT OVERRIDE

class ServerApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    fs::create_directories(Hostile());
    WriteFile(Hostile() / "hostile.txt",
              std::string("zanzibarquux notes <script>alert(1)</script> <img src=x onerror=alert(1)> "
                          "<a href=\"javascript:alert(1)\">click</a> invoice ") +
                  kRlo + "fdp.exe\n");
    WriteFile(Hostile() / "hostile.html",
              std::string("<html><head><title>Evil <script>alert(1)</script> title</title></head><body>"
                          "<p>zanzibarquux page <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">"
                          "click</a> ") +
                  kRlo + "gpj.exe</p><script>alert(1)</script></body></html>\n");
    CommandResult r = RunLeakgraph({"ingest", Case().string(), Archive().string(), "-q", "-j", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    r = RunLeakgraph({"ingest", Case().string(), Hostile().string(), "-q", "-j", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    server_ = new ServerProcess(Case(), {"--port", "0"}, "leakgraph: serving");
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override { ASSERT_GT(server_->port(), 0) << server_->output(); }

  static fs::path Case() { return dir_->path() / "case"; }
  static fs::path Hostile() { return dir_->path() / "hostile"; }
  static fs::path Archive() { return SourceDir() / "examples" / "sample-archive"; }

  static json GetJson(const std::string& path, int expected_status = 200) {
    HttpResponse res = Get(server_->port(), path);
    EXPECT_EQ(res.status, expected_status) << path << "\n" << res.raw;
    EXPECT_EQ(res.Header("Content-Type"), "application/json; charset=utf-8") << path;
    return json::parse(res.body, nullptr, false);
  }
  static json Search(const std::string& q) { return GetJson("/api/search?q=" + UrlEncode(q)); }

  static TempDir* dir_;
  static ServerProcess* server_;
};
TempDir* ServerApi::dir_ = nullptr;
ServerProcess* ServerApi::server_ = nullptr;

TEST_F(ServerApi, PrintsWhereItServesOnLoopback) {
  EXPECT_NE(server_->output().find("leakgraph: serving " + Case().string() + " at http://127.0.0.1:"),
            std::string::npos)
      << server_->output();
  EXPECT_EQ(server_->output().find("token"), std::string::npos) << "no token on loopback by default";
}

TEST_F(ServerApi, APortInUseIsAnError) {
  CommandResult r = RunLeakgraph({"serve", Case().string(), "--port", std::to_string(server_->port())});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(server_->port())), std::string::npos)
      << r.err;
}

TEST_F(ServerApi, StatusCountsLikeTheCli) {
  json s = GetJson("/api/status");
  CommandResult cli = RunLeakgraph({"status", Case().string(), "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(s, json::parse(cli.out));
  EXPECT_GT(s["documents"].get<int>(), 20);
  EXPECT_TRUE(s["index_consistent"].get<bool>());
}

TEST_F(ServerApi, SearchFindsAKnownWordWithMarkedSnippetAndFacets) {
  json r = GetJson("/api/search?q=Kuhsar&facets=1&limit=5");
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["limit"], 5);
  EXPECT_EQ(r["page"], 1);
  ASSERT_FALSE(r["hits"].empty());
  bool found = false;
  for (const auto& h : r["hits"]) {
    for (const char* key : {"title", "path", "lang", "type", "date", "snippet_html"}) {
      EXPECT_TRUE(h[key].is_string()) << key;
    }
    EXPECT_TRUE(h["id"].is_number_integer());
    if (h["path"].get<std::string>().ends_with("reports/field_note_kuhsar_2019-08-16.txt")) {
      found = true;
      EXPECT_NE(h["snippet_html"].get<std::string>().find("<mark>"), std::string::npos) << h;
    }
  }
  EXPECT_TRUE(found) << r;
  for (const char* facet : {"person", "org", "place"}) EXPECT_TRUE(r["facets"][facet].is_array()) << facet;
}

TEST_F(ServerApi, SearchRefusesBadParameters) {
  GetJson("/api/search", 400);
  GetJson("/api/search?q=a&limit=101", 400);
  GetJson("/api/search?q=a&page=0", 400);
  GetJson("/api/search?q=a&limit=x", 400);
  GetJson("/api/search?q=" + std::string(4097, 'a'), 400);
  json e = GetJson("/api/search?q=%20", 400);
  EXPECT_EQ(e["error"], "parameter 'q' is required");
  EXPECT_EQ(e["status"], 400);
}

TEST_F(ServerApi, DocumentHasTextMentionsAndOffsetsThatMatch) {
  json r = Search("Kuhsar");
  ASSERT_FALSE(r["hits"].empty());
  json d = GetJson("/api/documents/" + std::to_string(r["hits"][0]["id"].get<int>()));
  for (const char* key :
       {"id", "hash", "title", "paths", "children", "parent", "pages", "text", "mentions", "metadata"}) {
    EXPECT_TRUE(d.contains(key)) << key;
  }
  std::string text = d["text"];
  EXPECT_NE(text.find("Kuhsar"), std::string::npos);
  for (const auto& m : d["mentions"]) {
    std::size_t begin = m["begin"], end = m["end"];
    ASSERT_LE(end, text.size());
    EXPECT_EQ(text.substr(begin, end - begin), m["text"].get<std::string>());
  }
  GetJson("/api/documents/999999", 404);
}

TEST_F(ServerApi, TopMentionsCountDocuments) {
  json r = GetJson("/api/mentions?type=PERSON&limit=5");
  EXPECT_EQ(r["type"], "PERSON");
  ASSERT_TRUE(r["mentions"].is_array());
  EXPECT_LE(r["mentions"].size(), 5u);
  for (const auto& m : r["mentions"]) EXPECT_GT(m["documents"].get<int>(), 0);
  GetJson("/api/mentions?type=<script>", 400);
  GetJson("/api/mentions?limit=1000", 400);
}

TEST_F(ServerApi, OriginalIsADownloadOfTheFileBytes) {
  json r = Search("zanzibarquux");
  int id = 0;
  for (const auto& h : r["hits"]) {
    if (h["path"].get<std::string>().ends_with("hostile.html")) id = h["id"];
  }
  ASSERT_GT(id, 0) << r;
  HttpResponse res = Get(server_->port(), "/api/documents/" + std::to_string(id) + "/original");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, ReadFile(Hostile() / "hostile.html"));
  EXPECT_EQ(res.Header("Content-Type"), "application/octet-stream");
  EXPECT_EQ(res.Header("Content-Disposition"), "attachment; filename=\"hostile.html\"");
  ExpectSecurityHeaders(res, "original");
}

TEST_F(ServerApi, OriginalOfAnEmbeddedPartIsAClearNotFound) {
  int documents = GetJson("/api/status")["documents"];
  for (int id = 1; id <= documents; ++id) {
    json d = GetJson("/api/documents/" + std::to_string(id));
    if (d["parent"].is_null()) continue;
    json e = GetJson("/api/documents/" + std::to_string(id) + "/original", 404);
    EXPECT_NE(e["error"].get<std::string>().find("embedded"), std::string::npos) << e;
    return;
  }
  FAIL() << "the sample archive has no embedded part";
}

TEST_F(ServerApi, HostileTextStaysDataInJsonAndEscapedInSnippets) {
  json r = Search("zanzibarquux");
  ASSERT_EQ(r["hits"].size(), 2u) << r;
  for (const auto& h : r["hits"]) {
    std::string snippet = h["snippet_html"];
    EXPECT_EQ(snippet.find("<script"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("<img"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("<a "), std::string::npos) << snippet;
    if (h["path"].get<std::string>().ends_with("hostile.txt")) {
      EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << snippet;
    }
    json d = GetJson("/api/documents/" + std::to_string(h["id"].get<int>()));
    std::string text = d["text"];
    EXPECT_NE(text.find(kRlo), std::string::npos) << "U+202E is kept as data";
    if (h["path"].get<std::string>().ends_with("hostile.txt")) {
      EXPECT_NE(text.find("<script>alert(1)</script>"), std::string::npos);
      EXPECT_NE(text.find("javascript:alert(1)"), std::string::npos);
    }
  }
}

TEST_F(ServerApi, UiNeverParsesDocumentDataAsMarkup) {
  HttpResponse js = Get(server_->port(), "/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  for (const char* sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                           "new Function", "DOMParser", "createContextualFragment"}) {
    EXPECT_EQ(js.body.find(sink), std::string::npos) << sink;
  }
  EXPECT_NE(js.body.find("textContent"), std::string::npos);
  HttpResponse html = Get(server_->port(), "/");
  EXPECT_EQ(html.status, 200);
  EXPECT_EQ(html.Header("Content-Type"), "text/html; charset=utf-8");
  std::smatch m;
  EXPECT_FALSE(std::regex_search(html.body, m, std::regex(R"(<script(?![^>]*\bsrc=)[^>]*>)")))
      << "inline script";
  EXPECT_FALSE(std::regex_search(html.body, m, std::regex(R"(\son[a-z]+\s*=)", std::regex::icase)))
      << m.str();
  EXPECT_FALSE(std::regex_search(html.body, m, std::regex(R"(style\s*=)"))) << "inline style";
  EXPECT_NE(html.body.find("dir=\"auto\""), std::string::npos);
}

TEST_F(ServerApi, EveryResponseCarriesTheSecurityHeaders) {
  for (const char* path : {"/", "/app.js", "/app.css", "/api/status", "/api/search?q=Kuhsar", "/api/search",
                           "/api/nothing", "/nothing", "/api/documents/1", "/api/mentions?type=ORG"}) {
    ExpectSecurityHeaders(Get(server_->port(), path), path);
  }
  ExpectSecurityHeaders(Http(server_->port(), "POST", "/api/status"), "POST");
  ExpectSecurityHeaders(Get(server_->port(), "/../etc/passwd"), "traversal");
  ExpectSecurityHeaders(Http(server_->port(), "GET", "/api/status", {}, "evil.example"), "foreign host");
}

TEST_F(ServerApi, UnknownPathsAreNotFound) {
  for (const char* path : {"/nothing", "/api/nothing", "/api/documents/abc", "/index.html", "/api/"}) {
    EXPECT_EQ(Get(server_->port(), path).status, 404) << path;
  }
}

TEST_F(ServerApi, TraversalIsRefused) {
  for (const char* target : {"/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd",
                             "/api/documents/../../x", "/app.js/..%2f..%2fetc/passwd", "/..\\..\\etc\\passwd",
                             "/%252e%252e/etc/passwd", "/api/documents/1/..?q=x"}) {
    HttpResponse res = Get(server_->port(), target);
    EXPECT_EQ(res.status, 400) << target << "\n" << res.raw;
    EXPECT_EQ(res.body.find("root:"), std::string::npos);
  }
  // A search for dots and slashes is not traversal: only the path is checked.
  EXPECT_EQ(Get(server_->port(), "/api/search?q=a%2Fb%2F%2ec").status, 200);
}

TEST_F(ServerApi, ForeignHostHeaderIsRefusedWithoutAToken) {
  int port = server_->port();
  EXPECT_EQ(Http(port, "GET", "/api/status", {}, "evil.example").status, 403);
  EXPECT_EQ(Http(port, "GET", "/", {}, "127.0.0.1.evil.example").status, 403);
  EXPECT_EQ(Http(port, "GET", "/api/status", {}, "localhost:1234").status, 200);
  EXPECT_EQ(Http(port, "GET", "/api/status", {}, "[::1]:80").status, 200);
}

TEST_F(ServerApi, WritesAreRefused) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    HttpResponse res = Http(server_->port(), method, "/api/documents/1");
    EXPECT_EQ(res.status, 405) << method << "\n" << res.raw;
    EXPECT_EQ(res.Header("Allow"), "GET, HEAD") << method;
  }
  ServerProcess read_only(Case(), {"--port", "0", "--read-only"}, "leakgraph: read-only");
  ASSERT_GT(read_only.port(), 0) << read_only.output();
  EXPECT_EQ(Http(read_only.port(), "POST", "/api/status").status, 403);
  EXPECT_EQ(Get(read_only.port(), "/api/status").status, 200);
}

TEST_F(ServerApi, NonLoopbackListenPrintsATokenAndRequiresIt) {
  ServerProcess open(Case(), {"--listen", "0.0.0.0:0"}, "leakgraph: open");
  ASSERT_GT(open.port(), 0) << open.output();
  std::smatch m;
  ASSERT_TRUE(std::regex_search(open.output(), m, std::regex("access token: ([0-9a-f]{64})\n")))
      << open.output();
  std::string token = m[1];
  int port = open.port();
  HttpResponse res = Get(port, "/api/status");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.Header("WWW-Authenticate"), "Bearer");
  ExpectSecurityHeaders(res, "401");
  EXPECT_EQ(Get(port, "/api/status", {"Authorization: Bearer " + token}).status, 200);
  EXPECT_EQ(Get(port, "/api/status?token=" + token).status, 200);
  std::string wrong = token;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(Get(port, "/api/status", {"Authorization: Bearer " + wrong}).status, 401);
  EXPECT_EQ(Get(port, "/api/documents/1").status, 401);
  // A foreign Host is fine when a token guards the API (other machines use their own names).
  EXPECT_EQ(Http(port, "GET", "/api/status", {"Authorization: Bearer " + token}, "leak-box.lan:8484").status,
            200);
  // The page shell holds no case data; it reads the token from the URL fragment.
  EXPECT_EQ(Get(port, "/").status, 200);
}

TEST_F(ServerApi, RequireTokenOnLoopbackUsesTheGivenToken) {
  ServerProcess guarded(Case(), {"--port", "0", "--require-token", "--token", "s3cret-token"},
                        "leakgraph: open");
  ASSERT_GT(guarded.port(), 0) << guarded.output();
  EXPECT_EQ(guarded.output().find("s3cret-token"), std::string::npos) << "a given token is not echoed";
  EXPECT_EQ(Get(guarded.port(), "/api/status").status, 401);
  EXPECT_EQ(Get(guarded.port(), "/api/status", {"Authorization: Bearer s3cret-token"}).status, 200);
  EXPECT_EQ(Http(guarded.port(), "POST", "/api/status", {"Authorization: Bearer s3cret-token"}).status, 405);
}

TEST_F(ServerApi, SearchFacetsCountTypesLanguagesAndMonths) {
  json r = GetJson("/api/search?q=Tavanaei&facets=1");
  for (const char* facet : {"type", "lang", "month"}) {
    ASSERT_TRUE(r["facets"][facet].is_array()) << facet << r["facets"];
    EXPECT_FALSE(r["facets"][facet].empty()) << facet;
  }
  std::size_t total = 0;
  for (const auto& t : r["facets"]["type"]) total += t["count"].get<std::size_t>();
  EXPECT_EQ(total, r["total"].get<std::size_t>()) << "every match has a type";
  // A type facet's name is what type: accepts.
  std::string type = r["facets"]["type"][0]["name"];
  json refined = Search("Tavanaei type:" + type);
  EXPECT_EQ(refined["total"], r["facets"]["type"][0]["count"]) << type;
  for (const auto& m : r["facets"]["month"]) EXPECT_EQ(m["name"].get<std::string>().size(), 7u) << m;
}

TEST_F(ServerApi, DocumentMentionsNameTheirEntities) {
  json r = Search("Tavanaei");
  ASSERT_FALSE(r["hits"].empty());
  json d = GetJson("/api/documents/" + std::to_string(r["hits"][0]["id"].get<int>()));
  int linked = 0;
  for (const auto& m : d["mentions"]) {
    if (!m.contains("entity_id")) continue;
    ++linked;
    json e = GetJson("/api/entities/" + std::to_string(m["entity_id"].get<int>()));
    EXPECT_EQ(e["type"], m["type"]) << m;
    bool found = false;
    for (const auto& a : e["aliases"]) found = found || a["alias"] == m["text"];
    EXPECT_TRUE(found) << "the mention's text is one of its entity's names: " << m << e["aliases"];
  }
  EXPECT_GT(linked, 0) << d["mentions"];
}

TEST_F(ServerApi, EntitiesFilterByTypeAndNameMostMentionedFirst) {
  json all = GetJson("/api/entities?limit=500");
  ASSERT_GT(all["total"].get<int>(), 5);
  json people = GetJson("/api/entities?type=PERSON&limit=500");
  ASSERT_FALSE(people["entities"].empty());
  int previous = 1 << 30;
  for (const auto& e : people["entities"]) {
    EXPECT_EQ(e["type"], "PERSON");
    EXPECT_LE(e["mentions"].get<int>(), previous);
    previous = e["mentions"];
  }
  json found = GetJson("/api/entities?q=TAVAN");
  ASSERT_FALSE(found["entities"].empty());
  EXPECT_NE(found["entities"][0]["name"].get<std::string>().find("Tavanaei"), std::string::npos);
  json page = GetJson("/api/entities?limit=2&offset=1");
  EXPECT_EQ(page["entities"].size(), 2u);
  EXPECT_EQ(page["entities"][0]["id"], all["entities"][1]["id"]);
  GetJson("/api/entities?type=SHIP", 400);
  GetJson("/api/entities?limit=0", 400);
  GetJson("/api/entities/0", 400);
  GetJson("/api/entities/99999999", 404);
}

TEST_F(ServerApi, EntityPageHasNamesReasonsRolesAndDocuments) {
  json found = GetJson("/api/entities?q=tavanaei&type=PERSON");
  ASSERT_FALSE(found["entities"].empty());
  json e = GetJson("/api/entities/" + std::to_string(found["entities"][0]["id"].get<int>()));
  EXPECT_EQ(e["type"], "PERSON");
  ASSERT_FALSE(e["aliases"].empty());
  std::set<std::string> scripts;
  for (const auto& a : e["aliases"]) {
    EXPECT_FALSE(a["reason"].get<std::string>().empty()) << a;
    scripts.insert(a["script"].get<std::string>());
  }
  EXPECT_GE(scripts.size(), 2u) << "the sample archive names him in Latin and Arabic script: " << e["aliases"];
  EXPECT_TRUE(e["names"].is_object());
  EXPECT_TRUE(e["roles"].is_array());
  EXPECT_TRUE(e["decisions"].is_array());
  ASSERT_FALSE(e["documents"].empty());
  std::size_t mentions = 0;
  for (const auto& d : e["documents"]) {
    mentions += d["mention_count"].get<std::size_t>();
    EXPECT_LE(d["mentions"].size(), 5u);
    EXPECT_GE(d["mentions"].size(), 1u);
  }
  EXPECT_EQ(mentions, e["mentions"].get<std::size_t>());
  EXPECT_EQ(e["document_count"].get<std::size_t>(), e["documents"].size());
}

TEST_F(ServerApi, DecisionsAreWrittenToTheJournalAndResolvedAgain) {
  std::size_t journal_before = JournalSize(Case());
  json people = GetJson("/api/entities?type=PERSON&limit=500");
  ASSERT_GE(people["entities"].size(), 2u);
  int a = people["entities"][0]["id"], b = people["entities"][1]["id"];
  std::string b_name = people["entities"][1]["name"];
  HttpResponse res = PostJson(server_->port(), "/api/entities/merge",
                              json{{"entity", a}, {"other", b}}.dump());
  ASSERT_EQ(res.status, 200) << res.raw;
  json r = json::parse(res.body);
  EXPECT_EQ(r["action"], "merge");
  EXPECT_GT(r["decision_id"].get<int>(), 0);
  ASSERT_TRUE(r["entity_id"].is_number_integer()) << r;
  json merged = GetJson("/api/entities/" + std::to_string(r["entity_id"].get<int>()));
  bool has_b = false;
  for (const auto& x : merged["aliases"]) has_b = has_b || x["alias"] == b_name;
  EXPECT_TRUE(has_b) << merged["aliases"];
  ASSERT_FALSE(merged["decisions"].empty());
  EXPECT_EQ(merged["decisions"].back()["action"], "merge");
  EXPECT_EQ(merged["decisions"].back()["id"], r["decision_id"]);

  res = PostJson(server_->port(), "/api/entities/rename",
                 json{{"entity", r["entity_id"]}, {"name", "Renamed <b>Person</b>"}}.dump());
  ASSERT_EQ(res.status, 200) << res.raw;
  json renamed = GetJson("/api/entities/" + std::to_string(json::parse(res.body)["entity_id"].get<int>()));
  EXPECT_EQ(renamed["name"], "Renamed <b>Person</b>");

  CommandResult journal = RunLeakgraph({"decisions", Case().string()});
  ASSERT_EQ(journal.exit_code, 0) << journal.err;
  json j = json::parse(journal.out);
  ASSERT_EQ(j["decisions"].size(), journal_before + 2) << j;
  EXPECT_EQ(j["decisions"][journal_before]["action"], "merge");
  EXPECT_EQ(j["decisions"][journal_before + 1]["action"], "rename");

  // Bad requests name the problem and write nothing.
  EXPECT_EQ(PostJson(server_->port(), "/api/entities/merge", json{{"entity", a}}.dump()).status, 400);
  EXPECT_EQ(PostJson(server_->port(), "/api/entities/split", json{{"entity", a}, {"alias", "nobody"}}.dump()).status,
            400);
  EXPECT_EQ(PostJson(server_->port(), "/api/entities/reject", "[1]").status, 400);
  EXPECT_EQ(PostJson(server_->port(), "/api/entities/reject", json{{"entity", 99999999}}.dump()).status, 404);
  EXPECT_EQ(JournalSize(Case()), journal_before + 2);
}

TEST_F(ServerApi, WritesRefuseCrossSiteRequests) {
  int port = server_->port();
  std::size_t journal_before = JournalSize(Case());
  json people = GetJson("/api/entities?type=PERSON&limit=1");
  ASSERT_FALSE(people["entities"].empty());
  int id = people["entities"][0]["id"];
  std::string body = json{{"entity", id}}.dump();
  // A cross-site <form> cannot send JSON nor the custom header.
  HttpResponse form = Http(port, "POST", "/api/entities/reject");
  EXPECT_EQ(form.status, 403) << form.raw;
  EXPECT_EQ(PostJson(port, "/api/entities/reject", body, {}).status, 403) << "no custom header";
  EXPECT_EQ(PostJson(port, "/api/entities/reject", body, {"X-Leakgraph-Request: 1", "Origin: http://evil.example"})
                .status,
            403);
  EXPECT_EQ(
      PostJson(port, "/api/entities/reject", body, {"X-Leakgraph-Request: 1", "Sec-Fetch-Site: cross-site"}).status,
      403);
  EXPECT_EQ(JournalSize(Case()), journal_before) << "nothing was rejected";
  // GET on a decision endpoint is not a way round.
  EXPECT_EQ(Get(port, "/api/entities/reject?entity=" + std::to_string(id)).status, 404);
  HttpResponse put = Http(port, "PUT", "/api/entities/reject");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.Header("Allow"), "POST");
  // Same-origin requests from the page pass.
  HttpResponse ok = PostJson(port, "/api/entities/reject", body,
                             {"X-Leakgraph-Request: 1", "Origin: http://127.0.0.1:" + std::to_string(port),
                              "Sec-Fetch-Site: same-origin"});
  EXPECT_EQ(ok.status, 200) << ok.raw;
  ExpectSecurityHeaders(ok, "decision");
  EXPECT_EQ(JournalSize(Case()), journal_before + 1);
}

TEST_F(ServerApi, ReadOnlyServerRefusesDecisions) {
  std::size_t journal_before = JournalSize(Case());
  ServerProcess read_only(Case(), {"--port", "0", "--read-only"}, "leakgraph: read-only");
  ASSERT_GT(read_only.port(), 0) << read_only.output();
  int id = GetJson("/api/entities?limit=1")["entities"][0]["id"];
  HttpResponse res = PostJson(read_only.port(), "/api/entities/rename", json{{"entity", id}, {"name", "x"}}.dump());
  EXPECT_EQ(res.status, 403) << res.raw;
  EXPECT_EQ(JournalSize(Case()), journal_before);
}

}  // namespace
}  // namespace leakgraph::testing
