#include "store/queries.h"

namespace leakgraph::store {

nlohmann::json MentionJson(const Mention& m) {
  auto extra = nlohmann::json::parse(m.extra, nullptr, false);
  return {{"type", m.type},
          {"begin", m.begin},
          {"end", m.end},
          {"text", m.text},
          {"normalized", m.normalized},
          {"confidence", m.confidence},
          {"extra", extra.is_object() ? extra : nlohmann::json::object()}};
}

nlohmann::json DocumentJson(const DocumentRecord& d, const std::vector<Mention>& mentions, bool with_text) {
  nlohmann::json j = {{"id", d.id},
                      {"hash", d.hash},
                      {"content_type", d.content_type},
                      {"language", d.language},
                      {"title", d.title},
                      {"charset", d.charset},
                      {"size", d.size},
                      {"date", d.date.value_or("")},
                      {"metadata", d.metadata},
                      {"paths", d.paths},
                      {"children", d.children},
                      {"pages", d.page_offsets}};
  j["parent"] = d.parent_id ? nlohmann::json(*d.parent_id) : nlohmann::json(nullptr);
  j["mentions"] = nlohmann::json::array();
  for (const auto& m : mentions) j["mentions"].push_back(MentionJson(m));
  if (with_text) j["text"] = d.text;
  return j;
}

}  // namespace leakgraph::store
