// Cytoscape set-up shared by the network and path pages. Cytoscape draws on
// a canvas: names reach it as data, never as markup.
import cytoscape from 'cytoscape';
import { get } from './api.js';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173'];

export function communityColour(c) {
  if (c === undefined || c === null || c < 0) return '#999999';
  return PALETTE[c % PALETTE.length];
}

export function makeGraph(container) {
  return cytoscape({
    container,
    elements: [],
    wheelSensitivity: 0.3,
    minZoom: 0.1,
    maxZoom: 4,
    style: [
      { selector: 'node', style: {
        label: 'data(name)', 'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)',
        'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, color: '#222',
        'text-outline-color': '#fff', 'text-outline-width': 2 } },
      { selector: 'node[type = "ORG"]', style: { shape: 'round-rectangle' } },
      { selector: 'node[type = "LOCATION"]', style: { shape: 'diamond' } },
      { selector: 'edge', style: {
        width: 'mapData(weight, 1, 10, 1, 6)', 'line-color': '#bbb', 'curve-style': 'bezier', opacity: 0.8 } },
      { selector: 'edge[type = "co_mention"]', style: { 'line-style': 'dashed' } },
      { selector: 'node.on-path', style: { 'border-color': '#d62728', 'border-width': 4, opacity: 1 } },
      { selector: 'edge.on-path', style: { 'line-color': '#d62728', width: 5, opacity: 1, 'z-index': 10 } },
      { selector: '.selected-node', style: { 'border-color': '#000', 'border-width': 3 } },
      { selector: '.faded', style: { opacity: 0.2 } },
    ],
    layout: { name: 'grid' },
  });
}

// Adds the nodes and edges of a /api/network answer that are not there yet.
export function addNetwork(cy, net) {
  const maxRank = Math.max(1e-9, ...net.nodes.map((n) => n.pagerank || 0));
  const added = [];
  for (const n of net.nodes) {
    const id = 'n' + n.id;
    if (cy.getElementById(id).nonempty()) continue;
    added.push({ group: 'nodes', data: { id, entity: n.id, name: n.name, type: n.type, degree: n.degree,
      community: n.community, colour: communityColour(n.community),
      size: 14 + 30 * Math.sqrt((n.pagerank || 0) / maxRank) } });
  }
  for (const e of net.edges) {
    const id = 'e' + e.source + '-' + e.target + '-' + e.type;
    if (cy.getElementById(id).nonempty()) continue;
    added.push({ group: 'edges', data: { id, source: 'n' + e.source, target: 'n' + e.target, type: e.type,
      weight: e.weight } });
  }
  cy.add(added.filter((x) => x.group === 'nodes'));
  cy.add(added.filter((x) => x.group === 'edges' && cy.getElementById(x.data.source).nonempty() &&
    cy.getElementById(x.data.target).nonempty()));
  return added.length;
}

export function layout(cy) {
  cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: 8000, idealEdgeLength: 80,
    numIter: 500 }).run();
}

// The entity id for what the analyst typed: an id, or the best-known entity
// whose name contains the text.
export async function resolveEntity(text) {
  const t = String(text || '').trim();
  if (!t) return null;
  if (/^\d+$/.test(t)) return Number(t);
  const r = await get('/api/entities', { q: t, limit: 1 });
  if (!r.entities.length) throw new Error('No entity named "' + t + '"');
  return r.entities[0].id;
}
