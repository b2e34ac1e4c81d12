#include "server/http_security.h"

#include <arpa/inet.h>
#include <sys/random.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace leakgraph::server {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool IsLoopbackHost(std::string_view host) {
  std::string h = Lower(host);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

bool IsTraversalAttempt(std::string_view target) {
  std::string path = Lower(target.substr(0, target.find('?')));
  for (const char* bad : {"..", "\\", "%2e", "%2f", "%5c", "%25", "%00"}) {
    if (path.find(bad) != std::string::npos) return true;
  }
  return false;
}

bool IsLoopbackHostHeader(std::string_view host_header) {
  std::string_view host = host_header;
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos) return false;
    host = host.substr(0, close + 1);
  } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  return IsLoopbackHost(host);
}

bool TokensEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  volatile unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff = diff | static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::optional<std::string> CsrfRefusal(const WriteRequestHeaders& r) {
  std::string type = Lower(r.content_type.substr(0, r.content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type != "application/json") return "a write request must have Content-Type: application/json";
  if (r.custom_header.empty() && !r.valid_token)
    return std::string("a write request must carry the header ") + kWriteRequestHeader + " or the access token";
  if (!r.origin.empty() && Lower(r.origin) != "http://" + Lower(r.host))
    return "a write request must come from this server's own pages (Origin " + r.origin + ")";
  if (!r.sec_fetch_site.empty() && r.sec_fetch_site != "same-origin" && r.sec_fetch_site != "none")
    return "a write request must come from this server's own pages (Sec-Fetch-Site " + r.sec_fetch_site + ")";
  return std::nullopt;
}

Result<std::string> GenerateToken() {
  std::array<unsigned char, 32> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(std::string("cannot generate an access token: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) {
    token += kHex[b >> 4];
    token += kHex[b & 15];
  }
  return token;
}

}  // namespace leakgraph::server
