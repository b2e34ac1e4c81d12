// The JSON form of ties, evidence, payments and timeline events, shared by the
// CLI (`ties`, `payments`, `timeline`, `path` with --json) and the HTTP API,
// so both print the same shape (documented in docs/API.md).
//
// Evidence carries the sentence split around its trigger ("before",
// "trigger", "after") so that a client can mark the words that state the tie
// without converting byte offsets; "begin"/"end"/"trigger_begin"/
// "trigger_end" are the byte offsets into the document's text.
#pragma once

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace leakgraph::link {

nlohmann::json EntityRefToJson(const store::EntityRef& entity);
nlohmann::json EvidenceToJson(const store::TieEvidence& evidence);
// {"source","target","type","weight","documents","evidence":[...]} plus, for
// paid ties, "amount"/"currency"/"date" of the first evidence that states them.
nlohmann::json TieToJson(const store::TieRow& tie);
nlohmann::json PaymentToJson(const store::PaymentRow& payment);
nlohmann::json EventToJson(const store::EventRow& event);

// One line of text for a terminal: the sentence with the trigger in [brackets].
std::string EvidenceLine(const store::TieEvidence& evidence);

}  // namespace leakgraph::link
