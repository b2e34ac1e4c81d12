#include "index/index.h"

#include <nlohmann/json.hpp>

#include "index/schema.h"
#include "index/search_stemmer.h"
#include "text/normalize.h"

namespace leakgraph::index {

namespace {

std::string_view PrefixOf(std::string_view field) {
  for (const auto& f : kFieldPrefixes) {
    if (f.name == field) return f.prefix;
  }
  return {};
}

// "2009-03-12T10:00:00Z" -> "20090312"; "" when not a date.
std::string DateValue(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return {};
  std::string v = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
  for (char c : v) {
    if (c < '0' || c > '9') return {};
  }
  return v;
}

// Accepts YYYY, YYYY-MM or YYYY-MM-DD (also with '/' or '.' separators) and
// returns the first or last day it covers as YYYYMMDD, or "" if malformed.
std::string DateBound(std::string s, bool upper) {
  for (char& c : s) {
    if (c == '/' || c == '.') c = '-';
  }
  auto digits = [](std::string_view v) {
    return !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
  };
  std::string y, m, d;
  std::size_t a = s.find('-');
  if (a == std::string::npos) {
    if (s.size() == 8 && digits(s)) return s;
    y = s;
  } else {
    y = s.substr(0, a);
    std::size_t b = s.find('-', a + 1);
    m = s.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
    if (b != std::string::npos) d = s.substr(b + 1);
  }
  if (y.size() != 4 || !digits(y)) return {};
  if (!m.empty() && (!digits(m) || m.size() > 2)) return {};
  if (!d.empty() && (!digits(d) || d.size() > 2)) return {};
  if (m.empty()) return y + (upper ? "1231" : "0101");
  if (m.size() == 1) m = "0" + m;
  if (d.empty()) return y + m + (upper ? "31" : "01");
  if (d.size() == 1) d = "0" + d;
  return y + m + d;
}

// date:2009..2010, date:2009-01-01..2009-12-31, date:2009-03.. (open-ended).
class PartialDateRangeProcessor : public Xapian::RangeProcessor {
 public:
  PartialDateRangeProcessor() : Xapian::RangeProcessor(kDateSlot, "date:") {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string lo = begin.empty() ? "" : DateBound(begin, false);
    std::string hi = end.empty() ? "" : DateBound(end, true);
    if ((!begin.empty() && lo.empty()) || (!end.empty() && hi.empty())) {
      throw Xapian::QueryParserError("date range '" + begin + ".." + end +
                                     "': use YYYY, YYYY-MM or YYYY-MM-DD");
    }
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, kDateSlot, hi);
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, kDateSlot, lo);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kDateSlot, lo, hi);
  }
};

// Result counts are exact up to this many matches, estimated beyond.
constexpr Xapian::doccount kExactCountUpTo = 200;

bool IsQueryOperator(std::string_view w) {
  static constexpr std::string_view kOps[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  for (auto op : kOps) {
    if (w == op) return true;
    if (w.size() > op.size() + 1 && w.substr(0, op.size()) == op && w[op.size()] == '/') return true;
  }
  return false;
}

void IndexField(Xapian::TermGenerator& gen, const std::string& text, std::string_view prefix) {
  if (text.empty()) return;
  std::string folded = text::FoldForSearch(text);
  gen.increase_termpos();
  gen.index_text(folded, 1, std::string(prefix));
  gen.increase_termpos();
  gen.index_text(folded);  // also findable without the field prefix
}

}  // namespace

std::string ShortTypeName(const std::string& content_type) {
  if (content_type == "application/pdf") return "pdf";
  if (content_type == "message/rfc822") return "email";
  if (content_type == "application/mbox") return "mbox";
  if (content_type == "text/html") return "html";
  if (content_type == "text/x-cable") return "cable";
  if (content_type == "text/plain") return "text";
  auto slash = content_type.find('/');
  return slash == std::string::npos ? content_type : content_type.substr(slash + 1);
}

std::string NormaliseQuery(const std::string& query) {
  std::string out;
  std::size_t i = 0;
  while (i < query.size()) {
    std::size_t j = query.find_first_of(" \t\n", i);
    if (j == std::string::npos) j = query.size();
    std::string_view word(query.data() + i, j - i);
    if (IsQueryOperator(word)) {
      out.append(word);
    } else if (word.size() > 5 && word.substr(0, 5) == "date:" && word.find("..") == std::string_view::npos) {
      // date:2019 and date:2019-03 mean the whole year or month.
      std::string value = text::FoldForSearch(word.substr(5));
      out += "date:" + value + ".." + value;
    } else {
      out += text::FoldForSearch(word);
    }
    if (j < query.size()) out += query[j];
    i = j + 1;
  }
  return out;
}

IndexDocumentBuilder::IndexDocumentBuilder() {
  generator_.set_stemmer(MakeSearchStemmer());
  generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Xapian::Document IndexDocumentBuilder::Build(const IndexableDocument& doc) {
  Xapian::Document xdoc;
  generator_.set_document(xdoc);
  generator_.set_termpos(0);
  IndexField(generator_, doc.title, PrefixOf("title"));
  auto field = [&](const char* key) {
    auto it = doc.metadata.find(key);
    return it == doc.metadata.end() ? std::string() : it->second;
  };
  IndexField(generator_, field("from"), PrefixOf("from"));
  IndexField(generator_, field("to"), PrefixOf("to"));
  IndexField(generator_, field("cc"), PrefixOf("to"));
  generator_.increase_termpos();
  std::string folded = text::FoldForSearch(doc.text);
  if (folded.size() <= kPositionalTextLimit) {
    generator_.index_text(folded);
  } else {
    // Cut at a space so no word is split in two.
    std::size_t cut = folded.rfind(' ', kPositionalTextLimit);
    if (cut == std::string::npos || cut < kPositionalTextLimit / 2) cut = kPositionalTextLimit;
    while (cut < folded.size() && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) ++cut;
    generator_.index_text(folded.substr(0, cut));
    generator_.index_text_without_positions(folded.substr(cut));
  }
  for (std::size_t start = 0; start < field("tags").size();) {
    const std::string tags = field("tags");
    std::size_t end = tags.find_first_of(" ,", start);
    if (end == std::string::npos) end = tags.size();
    if (end > start) xdoc.add_boolean_term(std::string(PrefixOf("tag")) + text::FoldForSearch(tags.substr(start, end - start)));
    start = end + 1;
  }
  xdoc.add_boolean_term(std::string(PrefixOf("lang")) + doc.language);
  xdoc.add_boolean_term(std::string(PrefixOf("type")) + ShortTypeName(doc.content_type));
  xdoc.add_boolean_term(std::string(kUniqueIdPrefix) + doc.hash);
  std::string date_value = doc.date ? DateValue(*doc.date) : std::string();
  if (!date_value.empty()) xdoc.add_value(kDateSlot, date_value);
  nlohmann::json data = {{"title", doc.title},
                         {"lang", doc.language},
                         {"type", doc.content_type},
                         {"date", doc.date.value_or("")}};
  xdoc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  AddPaths(xdoc, doc.paths);
  return xdoc;
}

void IndexDocumentBuilder::AddPaths(Xapian::Document& xdoc, const std::vector<std::string>& paths) {
  if (paths.empty()) return;
  Xapian::TermGenerator gen;
  gen.set_document(xdoc);
  gen.set_termpos(1000000000);  // paths never join a phrase with the body
  for (const auto& p : paths) {
    std::string spaced = text::FoldForSearch(p);
    for (char& c : spaced) {
      if (c == '/' || c == '_' || c == '.' || c == '-' || c == '\\') c = ' ';
    }
    gen.increase_termpos();
    gen.index_text_without_positions(spaced, 1, std::string(PrefixOf("path")));
  }
  auto data = nlohmann::json::parse(xdoc.get_data(), nullptr, false);
  if (!data.is_object()) data = nlohmann::json::object();
  data["path"] = paths.front();
  xdoc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(db)));
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::IoError(path + ": the index is in use by another leakgraph process");
  } catch (const Xapian::Error& e) {
    return Status::IoError(path + ": cannot open index: " + e.get_description());
  }
}

Status IndexWriter::Replace(std::uint32_t docid, const Xapian::Document& doc) {
  try {
    db_.replace_document(docid, doc);
    ++pending_;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::IoError("index: " + e.get_description());
  }
}

Status IndexWriter::Remove(std::uint32_t docid) {
  try {
    db_.delete_document(docid);
    ++pending_;
    return Status::Ok();
  } catch (const Xapian::DocNotFoundError&) {
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::IoError("index: " + e.get_description());
  }
}

Status IndexWriter::Commit() {
  try {
    db_.commit();
    pending_ = 0;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::IoError("index: commit failed: " + e.get_description());
  }
}

std::uint32_t IndexWriter::DocumentCount() const { return db_.get_doccount(); }

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path) {
  try {
    Xapian::Database db(path);
    return std::unique_ptr<Searcher>(new Searcher(std::move(db)));
  } catch (const Xapian::Error& e) {
    return Status::IoError(path + ": cannot open index: " + e.get_description());
  }
}

std::uint32_t Searcher::DocumentCount() const { return db_.get_doccount(); }

Result<Xapian::Query> Searcher::Parse(const std::string& query) {
  Xapian::QueryParser parser;
  parser.set_database(db_);
  parser.set_stemmer(MakeSearchStemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  for (const auto& f : kFieldPrefixes) {
    if (f.boolean) parser.add_boolean_prefix(std::string(f.name), std::string(f.prefix));
    else parser.add_prefix(std::string(f.name), std::string(f.prefix));
  }
  PartialDateRangeProcessor dates;
  parser.add_rangeprocessor(&dates);
  unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                   Xapian::QueryParser::FLAG_PURE_NOT;
  try {
    return parser.parse_query(NormaliseQuery(query), flags);
  } catch (const Xapian::QueryParserError& e) {
    return Status::InvalidInput("cannot parse query '" + query + "': " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::InvalidInput("cannot parse query '" + query + "': " + e.get_description());
  }
}

Result<SearchResponse> Searcher::Search(const SearchRequest& request, const TextLookup& text_lookup) {
  auto query = Parse(request.query);
  if (!query.ok()) return query.status();
  try {
    Xapian::Enquire enquire(db_);
    enquire.set_query(*query);
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                         static_cast<Xapian::doccount>(request.limit),
                                         kExactCountUpTo);
    SearchResponse response;
    response.parsed_query = query->get_description();
    response.estimated_total = mset.get_matches_estimated();
    Xapian::Stem stemmer = MakeSearchStemmer();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      SearchHit hit;
      hit.docid = *it;
      hit.rank = static_cast<int>(it.get_rank()) + 1;
      hit.percent = it.get_percent();
      hit.weight = it.get_weight();
      auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
      if (data.is_object()) {
        hit.title = data.value("title", "");
        hit.path = data.value("path", "");
        hit.language = data.value("lang", "");
        hit.content_type = data.value("type", "");
        hit.date = data.value("date", "");
      }
      if (text_lookup) {
        std::string text = text_lookup(hit.docid);
        hit.snippet_html = mset.snippet(text, 240, stemmer,
                                        Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                            Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                        "<mark>", "</mark>", "…");
      }
      response.hits.push_back(std::move(hit));
    }
    return response;
  } catch (const Xapian::Error& e) {
    return Status::IoError("search failed: " + e.get_description());
  }
}

}  // namespace leakgraph::index
