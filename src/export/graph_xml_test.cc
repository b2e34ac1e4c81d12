#include "export/graph_xml.h"

#include <gtest/gtest.h>

#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string>

#include "export/test_snapshots.h"

namespace leakgraph::exports {
namespace {

std::string Render(const GraphSnapshot& s, bool gexf) {
  std::ostringstream out;
  EXPECT_TRUE((gexf ? WriteGexf(s, out) : WriteGraphml(s, out)).ok());
  return out.str();
}

// Parses `xml` with pugixml, failing the test on a parse error.
void Parse(const std::string& xml, pugi::xml_document& doc) {
  const auto result = doc.load_string(xml.c_str());
  ASSERT_TRUE(result) << result.description() << " at " << result.offset << ": "
                      << xml.substr(result.offset > 60 ? result.offset - 60 : 0, 120);
}

// GEXF attvalues of `node` by attribute id.
std::map<std::string, std::string> GexfValues(pugi::xml_node node) {
  std::map<std::string, std::string> out;
  for (auto v : node.child("attvalues").children("attvalue")) out[v.attribute("for").value()] = v.attribute("value").value();
  return out;
}

std::map<std::string, std::string> GraphmlValues(pugi::xml_node node, const std::map<std::string, std::string>& names) {
  std::map<std::string, std::string> out;
  for (auto d : node.children("data")) out[names.at(d.attribute("key").value())] = d.text().get();
  return out;
}

TEST(GexfExportTest, ReadsBackWithEveryNodeEdgeAndEvidence) {
  auto s = testing::SampleSnapshot();
  PrepareSnapshot(s);
  pugi::xml_document doc;
  ASSERT_NO_FATAL_FAILURE(Parse(Render(s, true), doc));
  auto gexf = doc.child("gexf");
  EXPECT_STREQ(gexf.attribute("xmlns").value(), "http://gexf.net/1.3");
  EXPECT_STREQ(gexf.attribute("version").value(), "1.3");
  auto graph = gexf.child("graph");
  std::set<std::string> declared;
  for (auto attrs : graph.children("attributes")) {
    for (auto a : attrs.children("attribute")) {
      declared.insert(std::string(attrs.attribute("class").value()) + ":" + a.attribute("id").value());
    }
  }
  EXPECT_TRUE(declared.count("node:type") && declared.count("node:aliases") && declared.count("edge:evidence") &&
              declared.count("edge:document") && declared.count("edge:tie_type"));
  EXPECT_FALSE(declared.count("edge:weight"));  // the edge's own attribute: a column would clash in Gephi

  std::set<std::string> node_ids;
  for (auto node : graph.child("nodes").children("node")) {
    node_ids.insert(node.attribute("id").value());
    for (const auto& [key, value] : GexfValues(node)) EXPECT_TRUE(declared.count("node:" + key)) << key;
  }
  ASSERT_EQ(node_ids.size(), s.entities.size());
  EXPECT_TRUE(node_ids.count("lg-entity-14"));
  auto des = graph.child("nodes").find_child_by_attribute("node", "id", "lg-entity-11");
  EXPECT_STREQ(des.attribute("label").value(), "Directorate of External Security");
  EXPECT_EQ(GexfValues(des)["type"], "ORG");
  EXPECT_EQ(GexfValues(des)["aliases"], "DES");

  std::size_t edges = 0;
  for (auto edge : graph.child("edges").children("edge")) {
    ++edges;
    EXPECT_TRUE(node_ids.count(edge.attribute("source").value()));
    EXPECT_TRUE(node_ids.count(edge.attribute("target").value()));
    auto values = GexfValues(edge);
    for (const auto& [key, value] : values) EXPECT_TRUE(declared.count("edge:" + key)) << key;
    EXPECT_FALSE(values["evidence"].empty()) << edge.attribute("id").value();
    EXPECT_FALSE(values["document"].empty()) << edge.attribute("id").value();
    const std::string type = values["tie_type"];
    EXPECT_EQ(edge.attribute("kind").value(), type);
    EXPECT_STREQ(edge.attribute("type").value(), s.symmetric_types.count(type) ? "undirected" : "directed") << type;
  }
  EXPECT_EQ(edges, s.ties.size());
  auto paid = graph.child("edges").find_child_by_attribute("edge", "id", TieId(s.ties[0]).c_str());
  EXPECT_EQ(paid.attribute("weight").as_double(), 2.0);
  EXPECT_EQ(GexfValues(paid)["document"], "cables/TH-2019-0311_telegram.txt");
  EXPECT_EQ(GexfValues(paid)["begin"], "120");
}

TEST(GraphmlExportTest, ReadsBackWithKeysNodesEdgesAndEvidence) {
  auto s = testing::SampleSnapshot();
  PrepareSnapshot(s);
  pugi::xml_document doc;
  ASSERT_NO_FATAL_FAILURE(Parse(Render(s, false), doc));
  auto root = doc.child("graphml");
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://graphml.graphdrawing.org/xmlns");
  std::map<std::string, std::string> names;  // key id -> attr.name
  std::map<std::string, std::string> key_for;
  for (auto key : root.children("key")) {
    names[key.attribute("id").value()] = key.attribute("attr.name").value();
    key_for[key.attribute("id").value()] = key.attribute("for").value();
  }
  auto graph = root.child("graph");
  EXPECT_STREQ(graph.attribute("edgedefault").value(), "directed");
  std::set<std::string> node_ids;
  for (auto node : graph.children("node")) {
    node_ids.insert(node.attribute("id").value());
    for (auto d : node.children("data")) EXPECT_EQ(key_for[d.attribute("key").value()], "node");
  }
  ASSERT_EQ(node_ids.size(), s.entities.size());
  auto tal_harir = graph.find_child_by_attribute("node", "id", "lg-entity-23");
  EXPECT_EQ(GraphmlValues(tal_harir, names)["label"], "Tal Harir");
  EXPECT_EQ(GraphmlValues(tal_harir, names)["aliases"], "تل حرير");

  std::size_t edges = 0;
  for (auto edge : graph.children("edge")) {
    ++edges;
    EXPECT_TRUE(node_ids.count(edge.attribute("source").value()));
    EXPECT_TRUE(node_ids.count(edge.attribute("target").value()));
    for (auto d : edge.children("data")) EXPECT_EQ(key_for[d.attribute("key").value()], "edge");
    auto values = GraphmlValues(edge, names);
    EXPECT_FALSE(values["evidence"].empty());
    EXPECT_FALSE(values["document"].empty());
    EXPECT_STREQ(edge.attribute("directed").value(), s.symmetric_types.count(values["tie_type"]) ? "false" : "true");
  }
  EXPECT_EQ(edges, s.ties.size());
}

TEST(GraphXmlExportTest, HostileTextIsEscapedAndStrippedNeverInjected) {
  auto s = testing::HostileSnapshot();
  PrepareSnapshot(s);
  for (bool gexf : {true, false}) {
    const std::string xml = Render(s, gexf);
    EXPECT_EQ(xml.find("<script>"), std::string::npos);  // escaped, not markup
    EXPECT_EQ(xml.find('\x07'), std::string::npos);      // control characters removed
    EXPECT_EQ(xml.find('\x1b'), std::string::npos);
    EXPECT_EQ(xml.find('\0'), std::string::npos);
    EXPECT_EQ(xml.find('\xFF'), std::string::npos);  // invalid UTF-8 replaced
    pugi::xml_document doc;
    ASSERT_NO_FATAL_FAILURE(Parse(xml, doc));
    // No element came out of the text: the only ones are the format's own.
    std::set<std::string> elements;
    struct Walker : pugi::xml_tree_walker {
      std::set<std::string>* names;
      bool for_each(pugi::xml_node& n) override {
        if (n.type() == pugi::node_element) names->insert(n.name());
        return true;
      }
    } walker;
    walker.names = &elements;
    doc.traverse(walker);
    EXPECT_EQ(elements.count("script"), 0u);
    EXPECT_EQ(elements.count("evil"), 0u);

    std::string label;
    if (gexf) {
      label = doc.child("gexf").child("graph").child("nodes").first_child().attribute("label").value();
    } else {
      label = doc.child("graphml").child("graph").child("node").child("data").text().get();
    }
    EXPECT_EQ(label, "<script>alert(\"x\")</script> & Co, \"Ltd\"\nline two");  // round trip, newline included
    const std::string second = gexf ? doc.child("gexf").child("graph").child("nodes").first_child().next_sibling()
                                          .attribute("label").value()
                                    : doc.child("graphml").child("graph").child("node").next_sibling("node")
                                          .child("data").text().get();
    EXPECT_EQ(second, "bell nulesc tab\tend");
    EXPECT_NE(xml.find("\xE2\x80\xAE"), std::string::npos);  // the RTL override is legal XML: kept as data
  }
}

TEST(GraphXmlExportTest, XmlSafeKeepsLegalCharactersOnly) {
  EXPECT_EQ(XmlSafe("a\x01" "b\x0b" "c\td\ne\rf"), "abc\td\ne\rf");
  EXPECT_EQ(XmlSafe("\xEF\xBF\xBE"), "");                       // U+FFFE is not a character
  EXPECT_EQ(XmlSafe("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate: invalid UTF-8
  EXPECT_EQ(XmlSafe("\xF0\x9F\x98\x80 نادية"), "\xF0\x9F\x98\x80 نادية");
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(ValidUtf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // cut short
}

TEST(GraphXmlExportTest, FileNameKeepsTheMailboxOfAMessage) {
  EXPECT_EQ(FileName("mail/box.mbox//3//invoice.txt"), "invoice.txt");
  EXPECT_EQ(FileName("/srv/leak/mail/box.mbox//3"), "box.mbox//3");
  EXPECT_EQ(FileName("reports/2019.txt"), "2019.txt");
  EXPECT_EQ(FileName("2019"), "2019");
}

}  // namespace
}  // namespace leakgraph::exports
