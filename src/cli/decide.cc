// The analyst's decisions on entities: `leakgraph merge CASE A B`,
// `split CASE ENTITY ALIAS`, `rename CASE ENTITY NAME`, `reject CASE ENTITY`,
// and `decisions CASE --export FILE.json`. Each decision is appended to the
// journal, naming entities by alias texts (ids change), then the case is
// resolved again so that it takes effect.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "resolve/entity_lookup.h"
#include "resolve/resolve_case.h"

namespace leakgraph::cli {
namespace {

struct DecisionArgs {
  std::string dir, entity, other;
};

// Builds the payload of `action` from the arguments, or fails with a message.
Result<nlohmann::json> Payload(store::Store& store, const std::string& action, const DecisionArgs& args) {
  auto e = resolve::FindEntity(store, args.entity);
  if (!e.ok()) return e.status();
  nlohmann::json payload = {{"entity", resolve::DecisionAnchor(*e)}, {"entity_name", e->name}};
  if (action == "merge") {
    auto other = resolve::FindEntity(store, args.other);
    if (!other.ok()) return other.status();
    if (other->id == e->id)
      return Status::InvalidInput("'" + args.other + "' is already entity " + std::to_string(e->id));
    payload["other"] = resolve::DecisionAnchor(*other);
    payload["other_name"] = other->name;
  } else if (action == "split") {
    bool known = false;
    for (const auto& a : e->aliases) known = known || a.alias == args.other;
    if (!known)
      return Status::InvalidInput("entity " + std::to_string(e->id) + " has no alias '" + args.other + "'");
    if (e->aliases.size() < 2)
      return Status::InvalidInput("entity " + std::to_string(e->id) + " has one alias only");
    payload["alias"] = args.other;
  } else if (action == "rename") {
    payload["name"] = args.other;
  }
  return payload;
}

void Decide(const std::string& action, const DecisionArgs& args) {
  auto inv = OpenInvestigationOrFail(args.dir);
  if (!inv) return;
  {
    auto store = store::Store::Open(inv->store_path(), false);
    if (!store.ok()) return Fail(store.status().message());
    auto payload = Payload(*store, action, args);
    if (!payload.ok()) return Fail(payload.status().message());
    auto id = store->AppendDecision(action, payload->dump());
    if (!id.ok()) return Fail(id.status().message());
  }
  auto report = resolve::ResolveInvestigation(*inv);
  if (!report.ok()) return Fail(report.status().message());
  std::printf("%s recorded; %zu entities\n", action.c_str(), report->entities);
}

void AddDecision(CLI::App& app, const std::string& action, const std::string& description,
                 const std::string& second, const std::string& second_help) {
  auto* cmd = app.add_subcommand(action, description);
  auto args = std::make_shared<DecisionArgs>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("ENTITY", args->entity, "An entity id, name or alias")->required();
  if (!second.empty()) cmd->add_option(second, args->other, second_help)->required();
  cmd->callback([action, args] { Decide(action, *args); });
}

CommandRegistration kRegister("merge", [](CLI::App& app) {
  AddDecision(app, "merge", "Join two entities into one (recorded in the decisions journal)", "OTHER",
              "The entity to join into ENTITY");
  AddDecision(app, "split", "Move an alias out of an entity into an entity of its own", "ALIAS",
              "The alias to move out");
  AddDecision(app, "rename", "Give an entity another name", "NAME", "The new name");
  AddDecision(app, "reject", "Mark an entity as not an entity", "", "");

  auto* cmd = app.add_subcommand("decisions", "Export the journal of the analyst's decisions");
  struct Args {
    std::string dir, out;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("--export", args->out, "Write the journal to this JSON file (default: print it)");
  cmd->callback([args] {
    auto inv = OpenInvestigationOrFail(args->dir);
    if (!inv) return;
    auto store = store::Store::Open(inv->store_path(), false);
    if (!store.ok()) return Fail(store.status().message());
    auto journal = store->Decisions();
    if (!journal.ok()) return Fail(journal.status().message());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : *journal)
      out.push_back({{"id", d.id},
                     {"at", d.at},
                     {"action", d.action},
                     {"payload", nlohmann::json::parse(d.payload, nullptr, false)}});
    nlohmann::json doc = {{"decisions", out}};
    if (args->out.empty()) return PrintJson(doc);
    std::ofstream f(args->out);
    f << doc.dump(2) << "\n";
    if (!f) return Fail(args->out + ": cannot write");
    std::printf("%zu decisions written to %s\n", out.size(), args->out.c_str());
  });
});

}  // namespace
}  // namespace leakgraph::cli
