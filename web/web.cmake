# The web workspace (web/src) is bundled at build time and embedded in the
# binary: `npm ci` in the build tree (again only when package-lock.json
# changes), esbuild (web/build.mjs), then web/embed.cmake writes a C++ file
# that defines server::WebAssets(). Included by the top CMakeLists.txt; sets
# LEAKGRAPH_WEB_ASSETS_CC and LEAKGRAPH_WEB_NODE_MODULES.
find_program(NODE_EXECUTABLE NAMES node nodejs)
find_program(NPM_EXECUTABLE NAMES npm)
if(NOT NODE_EXECUTABLE OR NOT NPM_EXECUTABLE)
  message(FATAL_ERROR "leakgraph's web UI needs node and npm to build: run scripts/install-deps "
                      "(Debian packages nodejs and npm)")
endif()

set(LEAKGRAPH_WEB_DIR ${CMAKE_BINARY_DIR}/web)
set(LEAKGRAPH_WEB_NODE_MODULES ${LEAKGRAPH_WEB_DIR}/node_modules)
set(LEAKGRAPH_WEB_ASSETS_CC ${CMAKE_BINARY_DIR}/generated/web_assets_data.cc)
set(web_stamp ${LEAKGRAPH_WEB_DIR}/npm-ci.stamp)
add_custom_command(
  OUTPUT ${web_stamp}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${LEAKGRAPH_WEB_DIR}
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/web/package.json ${CMAKE_SOURCE_DIR}/web/package-lock.json
          ${LEAKGRAPH_WEB_DIR}/
  COMMAND ${NPM_EXECUTABLE} ci --no-audit --no-fund --loglevel=error
  COMMAND ${CMAKE_COMMAND} -E touch ${web_stamp}
  DEPENDS ${CMAKE_SOURCE_DIR}/web/package.json ${CMAKE_SOURCE_DIR}/web/package-lock.json
  WORKING_DIRECTORY ${LEAKGRAPH_WEB_DIR}
  COMMENT "npm ci (web/package-lock.json)"
  VERBATIM)

file(GLOB web_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/src/*)
set(web_dist ${LEAKGRAPH_WEB_DIR}/dist)
add_custom_command(
  OUTPUT ${web_dist}/app.js ${web_dist}/index.html ${web_dist}/app.css
  COMMAND ${NODE_EXECUTABLE} ${CMAKE_SOURCE_DIR}/web/build.mjs ${web_dist} ${LEAKGRAPH_WEB_NODE_MODULES}
  DEPENDS ${web_stamp} ${web_sources} ${CMAKE_SOURCE_DIR}/web/build.mjs
  COMMENT "Bundling the web UI (esbuild)"
  VERBATIM)

add_custom_command(
  OUTPUT ${LEAKGRAPH_WEB_ASSETS_CC}
  COMMAND ${CMAKE_COMMAND} -DDIST=${web_dist} -DOUT=${LEAKGRAPH_WEB_ASSETS_CC} -P
          ${CMAKE_SOURCE_DIR}/web/embed.cmake
  DEPENDS ${web_dist}/app.js ${web_dist}/index.html ${web_dist}/app.css ${CMAKE_SOURCE_DIR}/web/embed.cmake
  COMMENT "Embedding the web UI"
  VERBATIM)
