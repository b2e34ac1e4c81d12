// The server's defences that do not depend on HTTP plumbing: which listen
// addresses count as local, which request targets are traversal attempts,
// access tokens and their comparison, and the headers every response carries.
// Documents are hostile: nothing here may trust a URL, a Host header or a token.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "leakgraph/status.h"

namespace leakgraph::server {

// Headers sent with every response, whatever its status or type.
inline constexpr std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
     "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
    {"Cache-Control", "no-store"},
};

// Returns true iff `host` (an address literal or "localhost") is a loopback
// address: 127.0.0.0/8, ::1 or localhost.
bool IsLoopbackHost(std::string_view host);

// Returns true iff the path part of the raw request target (before '?') holds
// "..", a backslash, or an encoded dot, slash, backslash or percent sign
// (%2e %2f %5c %25, any case): no URL of the server needs them.
bool IsTraversalAttempt(std::string_view target);

// Returns true iff a Host header names a loopback address (with or without a
// port): what a browser sends to a server on 127.0.0.1, and what a DNS
// rebinding page cannot.
bool IsLoopbackHostHeader(std::string_view host_header);

// Compares in time that depends only on the lengths, not on where they differ.
bool TokensEqual(std::string_view a, std::string_view b);

// What a state-changing request (POST) shows about where it comes from.
struct WriteRequestHeaders {
  std::string content_type;     // Content-Type
  std::string custom_header;    // X-Leakgraph-Request
  bool valid_token = false;     // a correct Authorization: Bearer token (servers with a token)
  std::string origin;           // Origin ("" when absent)
  std::string host;             // Host
  std::string sec_fetch_site;   // Sec-Fetch-Site ("" when absent)
};

// The header a page must send with every POST: a cross-site form cannot set
// it, and a cross-site fetch() that sets it needs a CORS preflight that the
// server never grants.
inline constexpr const char* kWriteRequestHeader = "X-Leakgraph-Request";

// Why a POST must be refused as a possible cross-site request forgery, or
// nullopt when it may go ahead: it must be JSON, carry kWriteRequestHeader
// (any non-empty value) or a valid bearer token, and come from this origin
// (an Origin header, when present, is http://HOST with HOST the Host header;
// Sec-Fetch-Site, when present, is same-origin or none).
std::optional<std::string> CsrfRefusal(const WriteRequestHeaders& request);

// A new random access token: 32 bytes from the kernel, as 64 hex digits.
Result<std::string> GenerateToken();

}  // namespace leakgraph::server
