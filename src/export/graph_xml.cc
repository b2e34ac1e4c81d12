#include "export/graph_xml.h"

#include <pugixml.hpp>
#include <string>
#include <vector>

namespace leakgraph::exports {
namespace {

struct Attribute {
  const char* name;
  const char* gexf_type;     // string, integer, double
  const char* graphml_type;  // string, int, double
};

constexpr Attribute kNodeAttributes[] = {
    {"type", "string", "string"}, {"aliases", "string", "string"}, {"mentions", "integer", "int"}};
constexpr Attribute kEdgeAttributes[] = {
    {"tie_type", "string", "string"}, {"weight", "double", "double"},  {"documents", "integer", "int"},
    {"evidence", "string", "string"}, {"document", "string", "string"}, {"begin", "integer", "int"},
    {"end", "integer", "int"},        {"evidence_count", "integer", "int"}};

using Values = std::vector<std::pair<const char*, std::string>>;

std::string Aliases(const store::EntityRow& e) {
  std::string out;
  for (const auto& a : e.aliases) {
    if (a.alias == e.name) continue;
    if (!out.empty()) out += " | ";
    out += a.alias;
  }
  return out;
}

Values NodeValues(const store::EntityRow& e) {
  return {{"type", e.type}, {"aliases", Aliases(e)}, {"mentions", std::to_string(e.mention_count)}};
}

Values EdgeValues(const GraphSnapshot& snapshot, const store::TieRow& tie) {
  const store::TieEvidence& first = tie.evidence.front();  // PrepareSnapshot: never empty
  const auto doc = snapshot.documents.find(first.document_id);
  const std::string path = !first.path.empty() || doc == snapshot.documents.end() ? first.path : doc->second.path;
  return {{"tie_type", tie.type},
          {"weight", std::to_string(tie.weight)},
          {"documents", std::to_string(tie.documents)},
          {"evidence", first.text},
          {"document", path},
          {"begin", std::to_string(first.begin)},
          {"end", std::to_string(first.end)},
          {"evidence_count", std::to_string(tie.evidence.size())}};
}

// GEXF edges have their own weight attribute; a "weight" column would clash with Gephi's.
bool IsGexfEdgeWeight(std::string_view cls, std::string_view name) { return cls == "edge" && name == "weight"; }

void SetAttr(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(XmlSafe(value).c_str());
}

Status Save(const pugi::xml_document& doc, std::ostream& out, const char* what) {
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  out.flush();
  if (!out) return Status::IoError(std::string("cannot write the ") + what);
  return Status::Ok();
}

}  // namespace

Status WriteGexf(const GraphSnapshot& snapshot, std::ostream& out) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto gexf = doc.append_child("gexf");
  gexf.append_attribute("xmlns") = "http://gexf.net/1.3";
  gexf.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  gexf.append_attribute("xsi:schemaLocation") = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";
  gexf.append_attribute("version") = "1.3";
  auto meta = gexf.append_child("meta");
  meta.append_child("creator").text() = "leakgraph";
  meta.append_child("description").text() = "Entities and the ties between them, each tie with its evidence";
  auto graph = gexf.append_child("graph");
  graph.append_attribute("mode") = "static";
  graph.append_attribute("defaultedgetype") = "directed";

  const auto declare = [&](const char* cls, const auto& attributes) {
    auto node = graph.append_child("attributes");
    node.append_attribute("class") = cls;
    for (const auto& a : attributes) {
      if (IsGexfEdgeWeight(cls, a.name)) continue;
      auto attr = node.append_child("attribute");
      attr.append_attribute("id") = a.name;
      attr.append_attribute("title") = a.name;
      attr.append_attribute("type") = a.gexf_type;
    }
  };
  declare("node", kNodeAttributes);
  declare("edge", kEdgeAttributes);
  const auto values = [&](pugi::xml_node parent, const char* cls, const Values& vals) {
    auto attvalues = parent.append_child("attvalues");
    for (const auto& [name, value] : vals) {
      if (IsGexfEdgeWeight(cls, name)) continue;
      auto v = attvalues.append_child("attvalue");
      v.append_attribute("for") = name;
      SetAttr(v, "value", value);
    }
  };

  auto nodes = graph.append_child("nodes");
  for (const auto& e : snapshot.entities) {
    auto node = nodes.append_child("node");
    SetAttr(node, "id", EntityId(e.id));
    SetAttr(node, "label", e.name);
    values(node, "node", NodeValues(e));
  }
  auto edges = graph.append_child("edges");
  for (const auto& tie : snapshot.ties) {
    auto edge = edges.append_child("edge");
    SetAttr(edge, "id", TieId(tie));
    SetAttr(edge, "source", EntityId(tie.source.id));
    SetAttr(edge, "target", EntityId(tie.target.id));
    edge.append_attribute("type") = IsDirected(snapshot, tie) ? "directed" : "undirected";
    SetAttr(edge, "kind", tie.type);
    SetAttr(edge, "label", tie.type);
    edge.append_attribute("weight") = static_cast<double>(tie.weight);
    values(edge, "edge", EdgeValues(snapshot, tie));
  }
  return Save(doc, out, "GEXF graph");
}

Status WriteGraphml(const GraphSnapshot& snapshot, std::ostream& out) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto root = doc.append_child("graphml");
  root.append_attribute("xmlns") = "http://graphml.graphdrawing.org/xmlns";
  root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  root.append_attribute("xsi:schemaLocation") =
      "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

  // Keys: "n_<name>" for nodes, "e_<name>" for edges; label first (Gephi and
  // yEd read a key named "label" as the label).
  const auto key = [&](const char* for_what, const std::string& id, const char* name, const char* type) {
    auto k = root.append_child("key");
    k.append_attribute("id") = id.c_str();
    k.append_attribute("for") = for_what;
    k.append_attribute("attr.name") = name;
    k.append_attribute("attr.type") = type;
  };
  key("node", "n_label", "label", "string");
  for (const auto& a : kNodeAttributes) key("node", std::string("n_") + a.name, a.name, a.graphml_type);
  key("edge", "e_label", "label", "string");
  for (const auto& a : kEdgeAttributes) key("edge", std::string("e_") + a.name, a.name, a.graphml_type);

  auto graph = root.append_child("graph");
  graph.append_attribute("id") = "leakgraph";
  graph.append_attribute("edgedefault") = "directed";
  const auto data = [&](pugi::xml_node parent, const std::string& key_id, std::string_view value) {
    auto d = parent.append_child("data");
    d.append_attribute("key") = key_id.c_str();
    d.text() = XmlSafe(value).c_str();
  };
  for (const auto& e : snapshot.entities) {
    auto node = graph.append_child("node");
    SetAttr(node, "id", EntityId(e.id));
    data(node, "n_label", e.name);
    for (const auto& [name, value] : NodeValues(e)) data(node, std::string("n_") + name, value);
  }
  for (const auto& tie : snapshot.ties) {
    auto edge = graph.append_child("edge");
    SetAttr(edge, "id", TieId(tie));
    SetAttr(edge, "source", EntityId(tie.source.id));
    SetAttr(edge, "target", EntityId(tie.target.id));
    edge.append_attribute("directed") = IsDirected(snapshot, tie) ? "true" : "false";
    data(edge, "e_label", tie.type);
    for (const auto& [name, value] : EdgeValues(snapshot, tie)) data(edge, std::string("e_") + name, value);
  }
  return Save(doc, out, "GraphML graph");
}

}  // namespace leakgraph::exports
