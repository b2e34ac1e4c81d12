// Paths between two entities: each path's hops with the evidence of each tie;
// the first path drawn and highlighted.
import { get } from './api.js';
import { el } from './dom.js';
import { hopEdges, hopEnds, hopItem } from './evidence.js';
import { addNetwork, layout, makeGraph, resolveEntity } from './graph.js';

export async function renderPath(page, arg, params, stale) {
  page.appendChild(el('h2', null, 'Path between two entities'));
  const form = page.appendChild(el('form', 'path-controls'));
  const mk = (name, label) => {
    const l = form.appendChild(el('label', null, label + ' '));
    const i = l.appendChild(el('input'));
    i.name = name;
    i.dir = 'auto';
    i.placeholder = 'id or name';
    i.value = params.get(name) || '';
    return i;
  };
  const from = mk('from', 'From');
  const to = mk('to', 'To');
  form.appendChild(el('button', null, 'Find paths')).type = 'submit';
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const a = await resolveEntity(from.value);
      const b = await resolveEntity(to.value);
      location.hash = '#/path?from=' + a + '&to=' + b;
    } catch (e) {
      page.appendChild(el('p', 'error', e.message));
    }
  });
  if (!from.value || !to.value) return;
  const a = await resolveEntity(from.value);
  const b = await resolveEntity(to.value);
  const r = await get('/api/path', { from: a, to: b, k: 3 });
  if (stale()) return;
  if (!r.paths.length) {
    page.appendChild(el('p', 'none', r.no_path || 'No path between them.'));
    return;
  }
  const canvas = page.appendChild(el('div', 'graph graph-small'));
  canvas.id = 'graph';
  const cy = makeGraph(canvas);
  window.leakgraphGraph = cy;
  r.paths.forEach((p, i) => {
    addNetwork(cy, { nodes: p.nodes, edges: p.hops.flatMap(hopEdges) });
    if (i === 0) {
      for (const n of p.nodes) cy.getElementById('n' + n.id).addClass('on-path');
      for (const h of p.hops) {
        const [x, y] = hopEnds(h).map((e) => 'n' + e.id);
        cy.edges().filter((e) => (e.data('source') === x && e.data('target') === y) ||
          (e.data('source') === y && e.data('target') === x)).addClass('on-path');
      }
    }
  });
  layout(cy);
  r.paths.forEach((p, i) => {
    const s = page.appendChild(el('section', 'path'));
    s.appendChild(el('h3', null, 'Path ' + (i + 1) + ': ' + p.hops.length + ' hops'));
    const ol = s.appendChild(el('ol', 'hops'));
    for (const h of p.hops) ol.appendChild(hopItem(h));
  });
  page.dataset.paths = String(r.paths.length);
}
