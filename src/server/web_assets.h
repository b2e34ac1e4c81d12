// The minimal web UI embedded in the binary (web_assets.cc): one HTML page,
// one script, one style sheet. No inline script or style (the CSP forbids
// them); document data reaches the page only through textContent and
// createElement, never as markup. The SPA built from web/ replaces it later.
#pragma once

#include <span>
#include <string_view>

namespace leakgraph::server {

struct WebAsset {
  const char* path;  // URL path: "/", "/app.js", "/app.css"
  const char* content_type;
  std::string_view body;
};

// Every embedded asset.
std::span<const WebAsset> WebAssets();

}  // namespace leakgraph::server
