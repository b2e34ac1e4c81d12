// leakgraph reindex CASE: rebuild the index from the store alone.
#include <cstdio>

#include "cli/command.h"
#include "cli/util.h"
#include "ingest/pipeline.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("reindex", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("reindex", "Rebuild the full-text index from the store");
  auto dir = std::make_shared<std::string>();
  auto quiet = std::make_shared<bool>(false);
  cmd->add_option("CASE", *dir, "The investigation folder")->required();
  cmd->add_flag("-q,--quiet", *quiet, "Print nothing but errors");
  cmd->callback([dir, quiet] {
    auto inv = OpenInvestigationOrFail(*dir);
    if (!inv) return;
    std::uint64_t indexed = 0;
    double seconds = 0;
    Status s = ingest::RebuildIndex(*inv, [&](const ingest::IngestProgress& p, bool final) {
      indexed = p.files_done;
      seconds = p.elapsed_seconds;
      if (!*quiet && !final) std::fprintf(stderr, "indexed %llu/%llu\n",
                                          static_cast<unsigned long long>(p.files_done),
                                          static_cast<unsigned long long>(p.files_total));
    });
    if (!s.ok()) return Fail(s.message());
    if (!*quiet) std::printf("Rebuilt the index: %llu documents in %.1fs\n",
                             static_cast<unsigned long long>(indexed), seconds);
  });
});

}  // namespace
}  // namespace leakgraph::cli
