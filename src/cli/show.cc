// leakgraph show CASE DOC: a document's metadata, mentions and text.
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "store/queries.h"
#include "store/store.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("show", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("show", "Print a document's metadata and text");
  struct Args {
    std::string dir, doc;
    bool json = false;
    bool no_text = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("DOC", args->doc, "Document id, path or hash prefix")->required();
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_flag("--no-text", args->no_text, "Metadata only");
  cmd->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false, true);
    if (!store.ok()) return Fail(store.status().message());
    auto doc = store->FindDocument(args->doc);
    if (!doc.ok()) return Fail(doc.status().message());
    const auto& d = *doc;
    auto mentions = store->Mentions(d.id);
    if (!mentions.ok()) return Fail(mentions.status().message());
    if (args->json) {
      return PrintJson(store::DocumentJson(d, *mentions, !args->no_text));
    }
    std::printf("Document %lld\n", static_cast<long long>(d.id));
    std::printf("  title:    %s\n  type:     %s\n  language: %s\n  size:     %lld bytes\n",
                d.title.c_str(), d.content_type.c_str(), d.language.c_str(),
                static_cast<long long>(d.size));
    if (!d.charset.empty()) std::printf("  charset:  %s\n", d.charset.c_str());
    if (d.date) std::printf("  date:     %s\n", d.date->c_str());
    std::printf("  sha256:   %s\n", d.hash.c_str());
    for (const auto& p : d.paths) std::printf("  path:     %s\n", p.c_str());
    if (d.parent_id) std::printf("  parent:   %lld\n", static_cast<long long>(*d.parent_id));
    for (auto c : d.children) std::printf("  child:    %lld\n", static_cast<long long>(c));
    if (!d.page_offsets.empty()) std::printf("  pages:    %zu\n", d.page_offsets.size());
    for (const auto& [k, v] : d.metadata) std::printf("  %s: %s\n", k.c_str(), v.c_str());
    if (!mentions->empty()) {
      std::printf("\nMentions:\n");
      for (const auto& m : *mentions) {
        std::printf("  %-9s %s", m.type.c_str(), m.text.c_str());
        if (m.normalized != m.text) std::printf("  -> %s", m.normalized.c_str());
        if (m.type == "ROLE") {  // the person the role is attached to
          auto extra = nlohmann::json::parse(m.extra, nullptr, false);
          std::string person = extra.is_object() ? extra.value("person", std::string()) : std::string();
          if (!person.empty()) std::printf("  [%s]", person.c_str());
        }
        std::printf("\n");
      }
    }
    if (!args->no_text) {
      std::printf("\n");
      if (d.page_offsets.empty()) {
        std::fwrite(d.text.data(), 1, d.text.size(), stdout);
      } else {
        for (std::size_t p = 0; p < d.page_offsets.size(); ++p) {
          std::size_t begin = std::min(d.page_offsets[p], d.text.size());
          std::size_t end = p + 1 < d.page_offsets.size() ? std::min(d.page_offsets[p + 1], d.text.size()) : d.text.size();
          std::printf("--- page %zu ---\n", p + 1);
          if (begin < end) std::fwrite(d.text.data() + begin, 1, end - begin, stdout);
          std::printf("\n");
        }
      }
      std::printf("\n");
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
