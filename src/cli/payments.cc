// `leakgraph payments CASE [ENTITY] [--json]`: who paid whom, how much, when,
// on what evidence.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/util.h"
#include "link/tie_json.h"

namespace leakgraph::cli {
namespace {

CommandRegistration kRegister("payments", [](CLI::App& app) {
  auto* cmd = app.add_subcommand("payments", "List who paid whom, how much and when, with the evidence");
  struct Args {
    std::string dir, entity;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("CASE", args->dir, "The investigation folder")->required();
  cmd->add_option("ENTITY", args->entity, "Only the payments of this entity (id, name or alias)");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] {
    auto store = OpenCaseStoreOrFail(args->dir);
    if (!store) return;
    std::optional<std::int64_t> entity;
    if (!FindEntityOrFail(*store, args->entity, entity)) return;
    auto payments = store->Payments(entity);
    if (!payments.ok()) return Fail(payments.status().message());
    if (args->json) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& p : *payments) list.push_back(link::PaymentToJson(p));
      PrintJson({{"payments", list}});
      return;
    }
    if (payments->empty()) {
      std::printf("No payments found.\n");
      return;
    }
    for (const auto& p : *payments) {
      std::string amount = p.amount ? std::to_string(*p.amount) : "amount not stated";
      if (p.amount) {
        amount = amount.substr(0, amount.find('.') == std::string::npos ? amount.size()
                                  : (*p.amount == static_cast<double>(static_cast<long long>(*p.amount))
                                         ? amount.find('.')
                                         : amount.find('.') + 3));
        amount += " " + p.currency;
      }
      std::printf("%-10s %s -> %s: %s\n    %s: %s\n", p.date.empty() ? "(no date)" : p.date.c_str(),
                  p.payer.name.c_str(), p.payee.name.c_str(), amount.c_str(), p.evidence.path.c_str(),
                  link::EvidenceLine(p.evidence).c_str());
    }
  });
});

}  // namespace
}  // namespace leakgraph::cli
