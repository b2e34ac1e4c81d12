#include "export/ftm.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "util/sha256.h"

namespace leakgraph::exports {
namespace {

using Props = std::map<std::string, std::vector<std::string>>;

// Appends `value` (made valid UTF-8) to props[key] unless empty or present.
void Add(Props& props, const std::string& key, std::string_view value) {
  if (value.empty()) return;
  std::string v = ValidUtf8(value);
  auto& values = props[key];
  for (const auto& existing : values) {
    if (existing == v) return;
  }
  values.push_back(std::move(v));
}

nlohmann::json Entity(const std::string& id, const std::string& schema, const Props& props) {
  nlohmann::json properties = nlohmann::json::object();
  for (const auto& [key, values] : props) {
    if (!values.empty()) properties[key] = values;
  }
  return {{"id", id}, {"schema", schema}, {"properties", properties}};
}

// `date` cut to the longest ISO 8601 prefix FtM dates accept (YYYY,
// YYYY-MM or YYYY-MM-DD); "" when it does not start with one.
std::string IsoDatePrefix(std::string_view date) {
  const auto digits = [&](std::size_t from, std::size_t n) {
    if (date.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(date[i]))) return false;
    }
    return true;
  };
  if (!digits(0, 4)) return "";
  if (date.size() >= 7 && date[4] == '-' && digits(5, 2)) {
    if (date.size() >= 10 && date[7] == '-' && digits(8, 2)) return std::string(date.substr(0, 10));
    return std::string(date.substr(0, 7));
  }
  return std::string(date.substr(0, 4));
}

std::string Amount(double amount) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", amount);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string EntitySchema(const std::string& type) {
  if (type == "PERSON") return "Person";
  if (type == "ORG") return "Organization";
  if (type == "LOCATION") return "Address";
  return "LegalEntity";
}

bool IsLegalEntity(const std::string& type) { return type == "PERSON" || type == "ORG"; }

// The FtM schema of a tie and the properties that name its two ends.
struct TieSchema {
  std::string schema, source_prop, target_prop, label_prop;  // label_prop: role or relationship
};

TieSchema SchemaOfTie(const store::TieRow& tie) {
  const std::string& s = tie.source.type;
  const std::string& t = tie.target.type;
  if (tie.type == "member_of" && IsLegalEntity(s) && t == "ORG") return {"Membership", "member", "organization", "role"};
  if (tie.type == "leads" && IsLegalEntity(s) && t == "ORG") return {"Directorship", "director", "organization", "role"};
  if (tie.type == "close_ties" && s == "PERSON" && t == "PERSON") {
    return {"Associate", "person", "associate", "relationship"};
  }
  if (tie.type == "family" && s == "PERSON" && t == "PERSON") return {"Family", "person", "relative", "relationship"};
  if (tie.type == "paid" && IsLegalEntity(s) && IsLegalEntity(t)) return {"Payment", "payer", "beneficiary", ""};
  return {"UnknownLink", "subject", "object", "role"};
}

// The properties every tie entity carries: its ends, the proof, the evidence.
Props TieProps(const GraphSnapshot& snapshot, const store::TieRow& tie, const TieSchema& schema,
               const std::vector<const store::TieEvidence*>& evidence) {
  Props props;
  Add(props, schema.source_prop, EntityId(tie.source.id));
  Add(props, schema.target_prop, EntityId(tie.target.id));
  if (schema.schema == "UnknownLink") {
    Add(props, "role", tie.type);
  } else if (!schema.label_prop.empty()) {
    for (const auto* ev : evidence) Add(props, schema.label_prop, CollapseSpace(ev->trigger));
  }
  std::string description;
  for (const auto* ev : evidence) {
    const auto& doc = snapshot.documents.at(ev->document_id);
    Add(props, "proof", DocumentId(doc));
    Add(props, "date", IsoDatePrefix(ev->date));
    if (!props.count("summary")) Add(props, "summary", CollapseSpace(ev->text));
    if (!description.empty()) description += "\n";
    description += (ev->path.empty() ? doc.path : ev->path) + " [" + std::to_string(ev->begin) + "-" +
                   std::to_string(ev->end) + "]: " + CollapseSpace(ev->text);
  }
  Add(props, "description", description);
  return props;
}

void AddTie(const GraphSnapshot& snapshot, const store::TieRow& tie, std::vector<nlohmann::json>& out) {
  const TieSchema schema = SchemaOfTie(tie);
  if (schema.schema != "Payment") {
    std::vector<const store::TieEvidence*> evidence;
    for (const auto& ev : tie.evidence) evidence.push_back(&ev);
    out.push_back(Entity(TieId(tie), schema.schema, TieProps(snapshot, tie, schema, evidence)));
    return;
  }
  // A paid tie: one Payment per distinct (amount, currency, date) stated, so
  // that two payments between the same parties stay two.
  using Key = std::tuple<std::string, std::string, std::string>;  // date, amount, currency
  std::map<Key, std::vector<const store::TieEvidence*>> payments;
  for (const auto& ev : tie.evidence) {
    payments[{IsoDatePrefix(ev.date), ev.amount ? Amount(*ev.amount) : "", ev.amount ? ev.currency : ""}].push_back(
        &ev);
  }
  for (const auto& [key, evidence] : payments) {
    const auto& [date, amount, currency] = key;
    Props props = TieProps(snapshot, tie, schema, evidence);
    Add(props, "amount", amount);
    Add(props, "currency", currency);
    std::string id = TieId(tie);
    if (payments.size() > 1) id += "-" + util::Sha256Hex(date + "\x1f" + amount + "\x1f" + currency).substr(0, 8);
    out.push_back(Entity(id, "Payment", props));
  }
}

std::string MimeType(std::string_view content_type) {
  const auto semi = content_type.find(';');
  std::string_view t = content_type.substr(0, semi);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return std::string(t);
}

// FtM languages are ISO 639-3 codes.
std::string Language(const std::string& lang) {
  if (lang == "en") return "eng";
  if (lang == "ar") return "ara";
  if (lang == "fa") return "fas";
  return "";
}

}  // namespace

std::vector<nlohmann::json> FtmEntities(const GraphSnapshot& snapshot) {
  std::vector<nlohmann::json> out;
  for (const auto& e : snapshot.entities) {
    Props props;
    Add(props, "name", e.name);
    for (const auto& a : e.aliases) {
      if (a.alias != e.name) Add(props, "alias", a.alias);
    }
    const std::string schema = EntitySchema(e.type);
    if (schema == "Address") Add(props, "full", e.name);
    out.push_back(Entity(EntityId(e.id), schema, props));
  }
  std::set<std::int64_t> cited;
  for (const auto& tie : snapshot.ties) {
    for (const auto& ev : tie.evidence) cited.insert(ev.document_id);
  }
  for (const auto& [id, doc] : snapshot.documents) {
    if (!cited.count(id)) continue;
    Props props;
    Add(props, "name", doc.path.empty() ? doc.title : doc.path);
    Add(props, "fileName", FileName(doc.path));
    Add(props, "title", doc.title);
    Add(props, "mimeType", MimeType(doc.content_type));
    Add(props, "language", Language(doc.language));
    Add(props, "date", IsoDatePrefix(doc.date));
    out.push_back(Entity(DocumentId(doc), "Document", props));
  }
  for (const auto& tie : snapshot.ties) AddTie(snapshot, tie, out);
  return out;
}

Status WriteFtm(const GraphSnapshot& snapshot, std::ostream& out) {
  for (const auto& entity : FtmEntities(snapshot)) {
    out << entity.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  out.flush();
  if (!out) return Status::IoError("cannot write the FtM entities");
  return Status::Ok();
}

}  // namespace leakgraph::exports
