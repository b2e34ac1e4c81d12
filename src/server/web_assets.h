// The web UI embedded in the binary: the single-page workspace built from
// web/ (npm + esbuild at build time, see web/web.cmake), turned into a
// generated C++ file by web/embed.cmake. One HTML page, one script, one
// style sheet; no inline script or style (the CSP forbids them); document
// data reaches the page only through textContent and createElement, never
// as markup.
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
