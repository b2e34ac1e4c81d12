#include "link/tie_json.h"

namespace leakgraph::link {

namespace {

struct Split {
  std::string before, trigger, after;
};

Split SplitAtTrigger(const store::TieEvidence& e) {
  Split s;
  if (e.trigger.empty() || e.trigger_begin < e.begin || e.trigger_end > e.end ||
      e.trigger_end - e.begin > e.text.size()) {
    s.before = e.text;
    return s;
  }
  s.before = e.text.substr(0, e.trigger_begin - e.begin);
  s.trigger = e.trigger;
  s.after = e.text.substr(e.trigger_end - e.begin);
  return s;
}

}  // namespace

nlohmann::json EntityRefToJson(const store::EntityRef& entity) {
  return {{"id", entity.id}, {"type", entity.type}, {"name", entity.name}};
}

nlohmann::json EvidenceToJson(const store::TieEvidence& e) {
  Split split = SplitAtTrigger(e);
  nlohmann::json j = {{"document_id", e.document_id},
                      {"path", e.path},
                      {"text", e.text},
                      {"begin", e.begin},
                      {"end", e.end},
                      {"trigger", e.trigger},
                      {"trigger_begin", e.trigger_begin},
                      {"trigger_end", e.trigger_end},
                      {"before", split.before},
                      {"after", split.after},
                      {"confidence", e.confidence}};
  if (e.amount) {
    j["amount"] = *e.amount;
    j["currency"] = e.currency;
  }
  if (!e.date.empty()) j["date"] = e.date;
  return j;
}

nlohmann::json TieToJson(const store::TieRow& tie) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : tie.evidence) evidence.push_back(EvidenceToJson(e));
  nlohmann::json j = {{"source", EntityRefToJson(tie.source)},
                      {"target", EntityRefToJson(tie.target)},
                      {"type", tie.type},
                      {"directed", !store::IsSymmetricTieType(tie.type)},
                      {"weight", tie.weight},
                      {"documents", tie.documents},
                      {"evidence", evidence}};
  if (tie.type == "paid") {
    for (const auto& e : tie.evidence) {
      if (!e.amount) continue;
      j["amount"] = *e.amount;
      j["currency"] = e.currency;
      if (!e.date.empty()) j["date"] = e.date;
      break;
    }
  }
  return j;
}

nlohmann::json PaymentToJson(const store::PaymentRow& p) {
  nlohmann::json j = {{"payer", EntityRefToJson(p.payer)},
                      {"payee", EntityRefToJson(p.payee)},
                      {"amount", p.amount ? nlohmann::json(*p.amount) : nlohmann::json(nullptr)},
                      {"currency", p.currency},
                      {"date", p.date},
                      {"evidence", nlohmann::json::array({EvidenceToJson(p.evidence)})}};
  return j;
}

nlohmann::json EventToJson(const store::EventRow& e) {
  nlohmann::json entities = nlohmann::json::array();
  for (const auto& r : e.entities) entities.push_back(EntityRefToJson(r));
  return {{"date", e.date},         {"precision", e.precision}, {"original", e.original},
          {"document_id", e.document_id}, {"path", e.path},   {"begin", e.begin},
          {"end", e.end},           {"text", e.text},           {"entities", entities}};
}

std::string EvidenceLine(const store::TieEvidence& e) {
  Split s = SplitAtTrigger(e);
  std::string line = s.trigger.empty() ? s.before : s.before + "[" + s.trigger + "]" + s.after;
  for (char& c : line) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return line;
}

}  // namespace leakgraph::link
