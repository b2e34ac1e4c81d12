#include "server/http_security.h"

#include <gtest/gtest.h>

namespace leakgraph::server {
namespace {

TEST(IsLoopbackHost, AcceptsAll127AndIpv6LoopbackAndLocalhost) {
  for (const char* host :
       {"127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "[::1]", "localhost", "LOCALHOST"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "127.0.0.1.evil.example", "",
                           "localhost.", "192.168.1.2", "::ffff:8.8.8.8"}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

TEST(IsLoopbackHostHeader, StripsThePort) {
  EXPECT_TRUE(IsLoopbackHostHeader("127.0.0.1:8484"));
  EXPECT_TRUE(IsLoopbackHostHeader("localhost"));
  EXPECT_TRUE(IsLoopbackHostHeader("[::1]:8484"));
  EXPECT_FALSE(IsLoopbackHostHeader("evil.example:8484"));
  EXPECT_FALSE(IsLoopbackHostHeader("[::1"));
  EXPECT_FALSE(IsLoopbackHostHeader(""));
}

TEST(IsTraversalAttempt, RefusesDotsAndEncodedSeparatorsInThePathOnly) {
  for (const char* target : {"/../etc/passwd", "/a/..", "/%2e%2e/x", "/%2E./x", "/a%2fb", "/a%5Cb", "/a\\b",
                             "/%252e%252e/", "/a%00b"}) {
    EXPECT_TRUE(IsTraversalAttempt(target)) << target;
  }
  for (const char* target :
       {"/", "/app.js", "/api/documents/12", "/api/search?q=..%2F..%2e%2e", "/api/search?q=a.b"}) {
    EXPECT_FALSE(IsTraversalAttempt(target)) << target;
  }
}

TEST(TokensEqual, ComparesWholeTokens) {
  EXPECT_TRUE(TokensEqual("abc", "abc"));
  EXPECT_FALSE(TokensEqual("abc", "abd"));
  EXPECT_FALSE(TokensEqual("abc", "ab"));
  EXPECT_FALSE(TokensEqual("", "a"));
}

TEST(GenerateToken, Gives64HexDigitsThatDiffer) {
  auto a = GenerateToken();
  auto b = GenerateToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 64u);
  EXPECT_EQ(a->find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(*a, *b);
}

TEST(CsrfRefusal, AcceptsOnlySameOriginJsonWithTheCustomHeaderOrToken) {
  WriteRequestHeaders ok{"application/json; charset=utf-8", "1", false, "http://127.0.0.1:8484",
                         "127.0.0.1:8484", "same-origin"};
  EXPECT_EQ(CsrfRefusal(ok), std::nullopt);
  WriteRequestHeaders no_origin = ok;  // curl sends neither Origin nor Sec-Fetch-Site
  no_origin.origin.clear();
  no_origin.sec_fetch_site.clear();
  EXPECT_EQ(CsrfRefusal(no_origin), std::nullopt);
  WriteRequestHeaders token_only = no_origin;
  token_only.custom_header.clear();
  token_only.valid_token = true;
  EXPECT_EQ(CsrfRefusal(token_only), std::nullopt);

  WriteRequestHeaders form = ok;  // what a cross-site <form> can send
  form.content_type = "text/plain";
  EXPECT_NE(CsrfRefusal(form), std::nullopt);
  WriteRequestHeaders bare = ok;
  bare.custom_header.clear();
  EXPECT_NE(CsrfRefusal(bare), std::nullopt);
  WriteRequestHeaders foreign = ok;
  foreign.origin = "http://evil.example";
  EXPECT_NE(CsrfRefusal(foreign), std::nullopt);
  foreign.origin = "null";
  EXPECT_NE(CsrfRefusal(foreign), std::nullopt);
  WriteRequestHeaders cross = ok;
  cross.sec_fetch_site = "cross-site";
  EXPECT_NE(CsrfRefusal(cross), std::nullopt);
  cross.sec_fetch_site = "same-site";
  EXPECT_NE(CsrfRefusal(cross), std::nullopt);
}

}  // namespace
}  // namespace leakgraph::server
