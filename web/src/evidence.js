// Ties and their evidence, shared by the entity, path and payments pages.
// Evidence text is hostile document text: placed as text only.
import { append, appendText, bidi, el, link } from './dom.js';

export function entityLink(e) {
  if (!e) return el('span', null, '?');
  const a = link('/entity/' + e.id, e.name, 'entity-link' + (e.type ? ' m-' + String(e.type).toLowerCase() : ''));
  a.dir = 'auto';
  return a;
}

// One evidence sentence with its trigger word marked.
export function evidenceItem(ev) {
  const li = el('li', 'evidence');
  const q = li.appendChild(el('q'));
  q.dir = 'auto';
  if (ev.trigger) {
    append(q, ev.before || '', el('mark', null, ev.trigger), ev.after || '');
  } else {
    appendText(q, ev.text || '');
  }
  if (ev.document_id) {
    append(li, ' ', link('/doc/' + ev.document_id, ev.path || 'document ' + ev.document_id, 'evidence-doc'));
  }
  return li;
}

export function tieItem(tie, className) {
  const li = el('li', className || 'tie');
  const head = li.appendChild(el('div', 'tie-head'));
  append(head, entityLink(tie.source), ' ', el('span', 'tie-type', String(tie.type || '').replace(/_/g, ' ')), ' ',
    entityLink(tie.target));
  const facts = [];
  if (tie.weight !== undefined) facts.push('weight ' + tie.weight);
  if (tie.amount !== undefined) facts.push(tie.amount + ' ' + (tie.currency || ''));
  if (tie.date) facts.push(tie.date);
  if (facts.length) append(head, ' ', el('span', 'tie-facts', '(' + facts.join(', ') + ')'));
  const evs = tie.evidence || [];
  if (evs.length) {
    const ul = li.appendChild(el('ul', 'evidence-list'));
    for (const ev of evs.slice(0, 5)) ul.appendChild(evidenceItem(ev));
    if (evs.length > 5) ul.appendChild(el('li', 'more', (evs.length - 5) + ' more'));
  }
  return li;
}

// A hop of a path: {from, to, weight, ties: [tie]} (a bare tie is taken as a
// hop of one tie).
export function hopTies(hop) {
  return hop.ties ? hop.ties : [hop];
}
export function hopEnds(hop) {
  return hop.ties ? [hop.from, hop.to] : [hop.source, hop.target];
}

// The graph edges of a hop, one per typed tie.
export function hopEdges(hop) {
  return hopTies(hop).map((t) => ({ source: t.source.id, target: t.target.id, type: t.type, weight: t.weight }));
}

export function hopItem(hop) {
  const li = el('li', 'hop');
  const [from, to] = hopEnds(hop);
  append(li.appendChild(el('div', 'hop-head')), entityLink(from), ' — ', entityLink(to));
  const ul = li.appendChild(el('ul', 'tie-list'));
  for (const t of hopTies(hop)) ul.appendChild(tieItem(t));
  return li;
}

// A message for a graph endpoint that this server does not offer yet.
export function unavailable(e, what) {
  return el('p', 'unavailable', e && e.status === 404 ? what + ': not available on this server yet.' : what + ': ' + (e.message || e));
}

export { bidi };
