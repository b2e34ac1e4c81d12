// `leakgraph export CASE --format ftm|gexf|graphml|neo4j|csv [--output PATH]
// [--type T] [--co-mention] [--max-evidence N]`: the entity graph with the
// evidence of every tie, for Aleph, Gephi, Neo4j or a spreadsheet (docs/EXPORTS.md).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "cli/command.h"
#include "cli/util.h"
#include "export/ftm.h"
#include "export/graph_xml.h"
#include "export/snapshot.h"
#include "export/tables.h"
#include "store/store.h"

namespace leakgraph::cli {
namespace {

namespace fs = std::filesystem;

Status WriteStream(const std::string& format, const exports::GraphSnapshot& snapshot, std::ostream& out) {
  if (format == "ftm") return exports::WriteFtm(snapshot, out);
  if (format == "gexf") return exports::WriteGexf(snapshot, out);
  return exports::WriteGraphml(snapshot, out);
}

// Writes a one-file format to `path` through a temporary file, so that a
// failed export never leaves half a file under the name asked for.
Status WriteFile(const std::string& format, const exports::GraphSnapshot& snapshot, const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::InvalidInput(path.string() + ": is a folder, expected a file name");
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Status::IoError(path.string() + ": cannot create the file");
    if (Status s = WriteStream(format, snapshot, f); !s.ok()) {
      fs::remove(tmp, ec);
      return Status::IoError(path.string() + ": " + s.message());
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError(path.string() + ": " + ec.message());
  return Status::Ok();
}

CommandRegistration kRegister("export", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("export", "Export the entities and their ties, with evidence, for other tools");
  struct Args {
    std::string dir, format, output, type;
    bool co_mention = false;
    std::size_t max_evidence = 10;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("--format", args->format, "ftm, gexf, graphml, neo4j or csv")
      ->required()
      ->transform(CLI::IsMember({"ftm", "gexf", "graphml", "neo4j", "csv"}, CLI::ignore_case));
  cmd->add_option("--output,-o", args->output,
                  "A file for ftm, gexf and graphml (default: standard output); a folder for neo4j and csv");
  std::vector<std::string> types(std::begin(store::kTieTypes), std::end(store::kTieTypes));
  types.push_back(store::kCoMention);
  cmd->add_option("--type", args->type, "Only ties of this type")->transform(CLI::IsMember(types));
  cmd->add_flag("--co-mention", args->co_mention, "Also the co_mention ties (named in one sentence, no stated relation)");
  cmd->add_option("--max-evidence", args->max_evidence, "Evidence spans per tie (default 10)")
      ->check(CLI::Range(1, 100000));
  cmd->callback([args] {
    const bool folder_format = args->format == "neo4j" || args->format == "csv";
    if (folder_format && args->output.empty()) {
      return Fail("export --format " + args->format + " writes a folder: give it with --output FOLDER");
    }
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false, true);
    if (!store.ok()) return Fail(store.status().message());
    exports::SnapshotOptions options;
    options.type = args->type;
    options.co_mention = args->co_mention;
    options.max_evidence = args->max_evidence;
    auto snapshot = exports::LoadSnapshot(*store, options);
    if (!snapshot.ok()) return Fail(snapshot.status().message());

    Status written;
    if (args->format == "neo4j") {
      written = exports::WriteNeo4jTables(*snapshot, args->output);
    } else if (args->format == "csv") {
      written = exports::WriteCsvTables(*snapshot, args->output);
    } else if (args->output.empty() || args->output == "-") {
      written = WriteStream(args->format, *snapshot, std::cout);
    } else {
      written = WriteFile(args->format, *snapshot, args->output);
    }
    if (!written.ok()) return Fail(written.message());

    std::size_t spans = 0;
    for (const auto& tie : snapshot->ties) spans += tie.evidence.size();
    std::fprintf(stderr, "exported %zu entities, %zu ties (%zu evidence spans, %zu documents)%s%s\n",
                 snapshot->entities.size(), snapshot->ties.size(), spans, snapshot->documents.size(),
                 args->output.empty() ? "" : " to ", args->output.c_str());
    if (snapshot->dropped_ties > 0) {
      std::fprintf(stderr, "leakgraph: %zu ties left out: no evidence span to show for them\n",
                   snapshot->dropped_ties);
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
