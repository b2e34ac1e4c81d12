// leakgraph ingest CASE PATH...: ingest files and folders.
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/util.h"
#include "ingest/pipeline.h"

namespace leakgraph::cli {
namespace {

std::string FormatDuration(double seconds) {
  if (seconds < 0 || seconds > 1e7) return "?";
  int s = static_cast<int>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%dh%02dm", s / 3600, (s / 60) % 60);
  else if (s >= 60) std::snprintf(buf, sizeof buf, "%dm%02ds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ds", s);
  return buf;
}

std::string ProgressLine(const ingest::IngestProgress& p) {
  double docs_per_s = p.elapsed_seconds > 0 ? p.files_done / p.elapsed_seconds : 0;
  double bytes_per_s = p.elapsed_seconds > 0 ? p.bytes_done / p.elapsed_seconds : 0;
  double eta = bytes_per_s > 0 ? (p.bytes_total - p.bytes_done) / bytes_per_s : -1;
  char buf[256];
  std::snprintf(buf, sizeof buf, "files %llu/%llu  %s/%s  %.0f docs/s  ETA %s  errors %llu",
                static_cast<unsigned long long>(p.files_done),
                static_cast<unsigned long long>(p.files_total), HumanBytes(p.bytes_done).c_str(),
                HumanBytes(p.bytes_total).c_str(), docs_per_s, FormatDuration(eta).c_str(),
                static_cast<unsigned long long>(p.files_failed));
  return buf;
}

CommandRegistration kRegister("ingest", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("ingest", "Ingest files and folders into an investigation (resumable)");
  struct Args {
    std::string dir;
    std::vector<std::string> paths;
    bool quiet = false;
    unsigned threads = 0;
    std::uint64_t max_file_mb = 256;
    bool no_analyse = false;
    std::string shard;  // "K/N"
    std::string ocr = "auto";
    unsigned parser_timeout = 60;
    std::uint64_t parser_memory_mb = 2048;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder (created if missing)")->required();
  cmd->add_option("PATH", args->paths, "Files and folders to ingest, recursively")->required();
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing but errors");
  cmd->add_option("-j,--threads", args->threads, "Extraction threads (default: all cores)");
  cmd->add_flag("--no-analyse", args->no_analyse,
                "Extract and index only; find entities later with: leakgraph analyse CASE");
  cmd->add_option("--max-file-mb", args->max_file_mb, "Record larger files as failures (default 256)");
  cmd->add_option("--shard", args->shard,
                  "K/N: ingest only shard K (1..N) of the files, chosen by their path relative to PATH, "
                  "so that N machines build one shard each (see docs/SCALING.md)");
  cmd->add_option("--ocr", args->ocr,
                  "OCR of scans: auto (images, PDF pages without text), force (every PDF page too), off")
      ->check(CLI::IsMember({"auto", "force", "off"}));
  cmd->add_option("--parser-timeout", args->parser_timeout,
                  "Seconds a PDF, Office or image parser may run before it is killed (default 60)")
      ->check(CLI::Range(1u, 86400u));
  cmd->add_option("--parser-memory-mb", args->parser_memory_mb,
                  "Memory a PDF, Office or image parser may use, in MB (default 2048)")
      ->check(CLI::Range(std::uint64_t{64}, std::uint64_t{1} << 20));
  cmd->callback([args] {
    ingest::IngestOptions options;
    if (!args->shard.empty()) {
      unsigned k = 0, n = 0;
      char extra = 0;
      if (std::sscanf(args->shard.c_str(), "%u/%u%c", &k, &n, &extra) != 2 || n == 0 || k == 0 || k > n) {
        return Fail("--shard " + args->shard + ": expected K/N with 1 <= K <= N, e.g. --shard 2/3");
      }
      options.shard_index = k - 1;
      options.shard_count = n;
    }
    auto inv = store::Investigation::OpenOrCreate(args->dir);
    if (!inv.ok()) return Fail(inv.status().message());
    options.threads = args->threads;
    options.analyse = !args->no_analyse;
    options.max_file_bytes = args->max_file_mb << 20;
    options.ocr = *ocr::ParseOcrMode(args->ocr);  // checked by CLI::IsMember
    options.parser_timeout_seconds = args->parser_timeout;
    options.parser_memory_bytes = args->parser_memory_mb << 20;
    bool tty = StderrIsTerminal();
    ingest::ProgressCallback progress;
    if (!args->quiet) {
      progress = [tty](const ingest::IngestProgress& p, bool final) {
        if (final) {
          if (tty) std::fputs("\r\033[K", stderr);
          return;
        }
        if (tty) std::fprintf(stderr, "\r\033[K%s", ProgressLine(p).c_str());
        else std::fprintf(stderr, "%s\n", ProgressLine(p).c_str());
        std::fflush(stderr);
      };
    }
    std::vector<std::filesystem::path> paths(args->paths.begin(), args->paths.end());
    auto interval = tty ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000);
    auto report = ingest::Ingest(*inv, paths, options, progress, interval);
    if (!report.ok()) return Fail(report.status().message());
    const auto& r = *report;
    if (!args->quiet) {
      std::printf(
          "Ingested %llu files (%s) in %.1fs: %llu new documents, %llu duplicates, %llu unchanged, "
          "%llu failed, %llu skipped\n",
          static_cast<unsigned long long>(r.files_done), HumanBytes(r.bytes_done).c_str(),
          r.elapsed_seconds, static_cast<unsigned long long>(r.documents_added),
          static_cast<unsigned long long>(r.duplicates), static_cast<unsigned long long>(r.unchanged),
          static_cast<unsigned long long>(r.files_failed), static_cast<unsigned long long>(r.skipped));
    }
    if (r.files_failed > 0) {
      std::fprintf(stderr, "leakgraph: %llu file(s) failed; see: leakgraph status %s\n",
                   static_cast<unsigned long long>(r.files_failed), args->dir.c_str());
      SetExitCode(1);
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
