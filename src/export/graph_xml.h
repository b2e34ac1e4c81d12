// GEXF 1.3 and GraphML exports of the entity graph, for Gephi, Cytoscape,
// yEd and networkx. Built with pugixml (never by string concatenation), so
// markup in names and sentences is escaped; characters XML 1.0 forbids
// (control characters) are removed and invalid UTF-8 replaced (XmlSafe).
//
// Nodes: id "lg-entity-N", label = name, attributes type, aliases (" | "),
// mentions. Edges: id "lg-tie-…", label = tie type, weight (GEXF: the edge's
// own weight; GraphML: a "weight" key, which Gephi reads as the weight),
// attributes tie_type, documents, evidence (the first sentence), document (its
// path), begin/end (its byte offsets), evidence_count. Each edge is directed
// or not by its type (GEXF edge `type`, GraphML edge `directed`); GEXF edges
// also carry `kind` = tie type so that Gephi keeps parallel ties of different
// types apart.
#pragma once

#include <ostream>

#include "export/snapshot.h"

namespace leakgraph::exports {

// Writes `snapshot` as a GEXF 1.3 document. Fails with kIoError if the stream fails.
Status WriteGexf(const GraphSnapshot& snapshot, std::ostream& out);

// Writes `snapshot` as a GraphML document. Fails with kIoError if the stream fails.
Status WriteGraphml(const GraphSnapshot& snapshot, std::ostream& out);

}  // namespace leakgraph::exports
