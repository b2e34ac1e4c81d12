// The handler registry: the first handler that accepts a content type reads
// it, so more specific handlers (cable before html, html before text) come
// first.
#include <memory>

#include "extract/handler.h"
#include "extract/pst_handler.h"

namespace leakgraph::extract {

const HandlerRegistry& HandlerRegistry::BuiltIn() {
  static const HandlerRegistry* registry = [] {
    auto* built = new HandlerRegistry();  // never destroyed: used until exit
    built->Add(MakeTestFaultHandler());
    built->Add(MakeCableHandler());
    built->Add(MakeHtmlHandler());
    built->Add(MakeEmailHandler());
    built->Add(MakeMboxHandler());
    built->Add(MakePdfHandler());
    built->Add(MakeOoxmlHandler());
    built->Add(MakeOdfHandler());
    built->Add(MakeRtfHandler());
    built->Add(MakeImageHandler());
    built->Add(MakeOleHandler());
    built->Add(MakePstHandler());
    built->Add(MakeArchiveHandler());
    built->Add(MakeTextHandler());
    return built;
  }();
  return *registry;
}

const FormatHandler* HandlerRegistry::Find(std::string_view content_type) const {
  for (const auto& handler : handlers_) {
    if (handler->Accepts(content_type)) return handler.get();
  }
  return nullptr;
}

void HandlerRegistry::Add(std::unique_ptr<FormatHandler> handler) {
  if (handler != nullptr) handlers_.push_back(std::move(handler));
}

}  // namespace leakgraph::extract
