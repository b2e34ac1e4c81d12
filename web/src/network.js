// The network explorer: the neighbourhood of an entity (or the most central
// entities), filtered by tie type and weight, coloured by community; click a
// node to see it and expand it; find the path to another entity, highlighted
// in the graph with its evidence.
import { get } from './api.js';
import { append, clear, el, errorBox, link } from './dom.js';
import { entityLink, hopEdges, hopEnds, hopItem } from './evidence.js';
import { addNetwork, layout, makeGraph, resolveEntity } from './graph.js';

function field(form, label, input) {
  const l = form.appendChild(el('label', null, label + ' '));
  l.appendChild(input);
  return input;
}

function input(name, value, placeholder) {
  const i = el('input');
  i.name = name;
  i.value = value || '';
  if (placeholder) i.placeholder = placeholder;
  i.dir = 'auto';
  return i;
}

export async function renderNetwork(page, arg, params, stale) {
  page.appendChild(el('h2', null, 'Network'));
  const form = page.appendChild(el('form', 'network-controls'));
  const entity = field(form, 'Entity', input('entity', params.get('entity'), 'id or name (empty: most central)'));
  const depth = field(form, 'Depth', el('select'));
  depth.name = 'depth';
  for (const d of ['1', '2', '3']) depth.appendChild(el('option', null, d)).value = d;
  depth.value = params.get('depth') || '1';
  const minWeight = field(form, 'Min weight', input('min_weight', params.get('min_weight') || '1'));
  minWeight.type = 'number';
  minWeight.min = '1';
  const types = field(form, 'Tie types', input('types', params.get('types'), 'all (or met_with,paid,...)'));
  const coMention = field(form, 'Co-mentions', el('input'));
  coMention.type = 'checkbox';
  coMention.name = 'co_mention';
  coMention.checked = params.get('co_mention') === '1';
  form.appendChild(el('button', null, 'Show')).type = 'submit';
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const qs = new URLSearchParams({ entity: entity.value, depth: depth.value, min_weight: minWeight.value, types: types.value,
      co_mention: coMention.checked ? '1' : '0' });
    location.hash = '#/network?' + qs.toString();
  });

  const layoutBox = page.appendChild(el('div', 'network-layout'));
  const canvas = layoutBox.appendChild(el('div', 'graph'));
  canvas.id = 'graph';
  const side = layoutBox.appendChild(el('aside', 'graph-side'));
  const info = side.appendChild(el('div', 'node-info'));
  info.appendChild(el('p', 'hint', 'Click a node to see it; double-click (or "Expand") to add its neighbours.'));
  const typeFilter = side.appendChild(el('div', 'type-filter'));
  const pathForm = side.appendChild(el('form', 'path-form'));
  pathForm.appendChild(el('h3', null, 'Path'));
  const from = field(pathForm, 'From', input('from', params.get('entity')));
  const to = field(pathForm, 'To', input('to', params.get('to')));
  pathForm.appendChild(el('button', null, 'Find path')).type = 'submit';
  const pathBox = side.appendChild(el('div', 'path-result'));

  let entityId = null;
  if (entity.value.trim()) entityId = await resolveEntity(entity.value);
  const co = coMention.checked ? 1 : '';
  const net = await get('/api/network', { entity: entityId, depth: depth.value, min_weight: minWeight.value,
    types: types.value, co_mention: co, limit: 150 });
  if (stale()) return;
  const cy = makeGraph(canvas);
  window.leakgraphGraph = cy;  // for the browser tests and the curious
  addNetwork(cy, net);
  layout(cy);
  page.dataset.nodes = String(cy.nodes().length);
  if (!net.nodes.length) info.appendChild(el('p', 'none', 'No ties match these filters.'));

  // Tie-type checkboxes hide edges client side, without a new request.
  const renderTypeFilter = () => {
    clear(typeFilter).appendChild(el('h3', null, 'Show tie types'));
    const seen = [...new Set(cy.edges().map((e) => e.data('type')))].sort();
    for (const t of seen) {
      const l = typeFilter.appendChild(el('label', 'type-toggle'));
      const box = l.appendChild(el('input'));
      box.type = 'checkbox';
      box.checked = true;
      box.value = t;
      l.appendChild(document.createTextNode(' ' + t.replace(/_/g, ' ')));
      box.addEventListener('change', () => {
        cy.edges().filter((e) => e.data('type') === t).style('display', box.checked ? 'element' : 'none');
      });
    }
  };
  renderTypeFilter();

  const expand = async (id) => {
    const more = await get('/api/network', { entity: id, depth: 1, min_weight: minWeight.value, types: types.value, co_mention: co, limit: 50 });
    const added = addNetwork(cy, more);
    if (added) layout(cy);
    page.dataset.nodes = String(cy.nodes().length);
    page.dataset.expanded = String(id);
    renderTypeFilter();
  };
  const show = (node) => {
    cy.nodes().removeClass('selected-node');
    node.addClass('selected-node');
    clear(info);
    const d = node.data();
    info.appendChild(el('h3', null, 'Selected'));
    append(info.appendChild(el('p')), entityLink({ id: d.entity, name: d.name, type: d.type }));
    info.appendChild(el('p', 'node-facts', d.type + ' · degree ' + d.degree + ' · community ' + d.community));
    const b = info.appendChild(el('button', 'expand', 'Expand'));
    b.type = 'button';
    b.addEventListener('click', () => expand(d.entity).catch((e) => info.appendChild(errorBox(e.message))));
    const p = info.appendChild(el('button', 'path-to', 'Path to here'));
    p.type = 'button';
    p.addEventListener('click', () => { to.value = String(d.entity); });
    if (!from.value) from.value = String(d.entity);
  };
  cy.on('tap', 'node', (ev) => show(ev.target));
  cy.on('dbltap', 'node', (ev) => expand(ev.target.data('entity')).catch(() => {}));

  pathForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(pathBox);
    try {
      const a = await resolveEntity(from.value);
      const b = await resolveEntity(to.value);
      const r = await get('/api/path', { from: a, to: b, k: 3, types: types.value, co_mention: co });
      cy.elements().removeClass('on-path');
      if (!r.paths.length) {
        pathBox.appendChild(el('p', 'none', r.no_path || 'No path between them.'));
        return;
      }
      const path = r.paths[0];
      addNetwork(cy, { nodes: path.nodes, edges: path.hops.flatMap(hopEdges) });
      for (const n of path.nodes) cy.getElementById('n' + n.id).addClass('on-path');
      for (const h of path.hops) {
        const [x, y] = hopEnds(h).map((e) => 'n' + e.id);
        cy.edges().filter((e) => {
          const s = e.data('source'); const t = e.data('target');
          return (s === x && t === y) || (s === y && t === x);
        }).addClass('on-path');
      }
      layout(cy);
      page.dataset.path = path.nodes.map((n) => n.id).join(',');
      pathBox.appendChild(el('p', null, path.hops.length + ' hops'));
      const ol = pathBox.appendChild(el('ol', 'hops'));
      for (const h of path.hops) ol.appendChild(hopItem(h));
      pathBox.appendChild(link('/path?from=' + a + '&to=' + b, 'all paths'));
    } catch (e) {
      pathBox.appendChild(errorBox(e.message));
    }
  });
}
