// leakgraph analyse CASE: re-run the analyse stage (entities, dates, money,
// identifiers) over every stored document, then bring the index up to date.
#include <cstdio>

#include "analyse/reanalyse.h"
#include "cli/command.h"
#include "cli/util.h"
#include "resolve/resolve_case.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("analyse", [](CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "analyse",
      "Find the mentions (people, organisations, places, dates, money, identifiers) in every "
      "document again, e.g. after a model update; resumes an interrupted run");
  struct Args {
    std::string dir;
    bool quiet = false;
    unsigned threads = 0;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing but errors");
  cmd->add_option("-j,--threads", args->threads, "Analysis threads (default: all cores)");
  cmd->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    bool tty = StderrIsTerminal();
    std::function<void(const analyse::ReanalyseProgress&)> progress;
    if (!args->quiet) {
      progress = [tty](const analyse::ReanalyseProgress& p) {
        std::fprintf(stderr, tty ? "\r\033[Kanalysed %llu/%llu documents" : "analysed %llu/%llu documents\n",
                     static_cast<unsigned long long>(p.documents_done),
                     static_cast<unsigned long long>(p.documents_total));
        std::fflush(stderr);
      };
    }
    analyse::ReanalyseOptions options;
    options.threads = args->threads;
    auto report = analyse::Reanalyse(*inv, options, progress);
    if (!args->quiet && tty) std::fputs("\r\033[K", stderr);
    if (!report.ok()) return Fail(report.status().message());
    // The entities follow the new mentions; the analyst's decisions are replayed.
    if (auto resolved = resolve::ResolveInvestigation(*inv); !resolved.ok()) return Fail(resolved.status().message());
    if (args->quiet) return;
    const auto& r = *report;
    double analysing = r.elapsed_seconds - r.index_seconds;
    std::printf(
        "Analysed %llu documents%s in %.1fs (%.0f documents/s): %llu mentions; re-indexed %llu "
        "documents in %.1fs\n",
        static_cast<unsigned long long>(r.documents_done), r.resumed ? " (resuming an interrupted run)" : "",
        analysing, analysing > 0 ? static_cast<double>(r.documents_done) / analysing : 0.0,
        static_cast<unsigned long long>(r.mentions), static_cast<unsigned long long>(r.reindexed),
        r.index_seconds);
  });
});

}  // namespace
}  // namespace leakgraph::cli
