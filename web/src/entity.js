// The entities list and one entity's page: names in every script, why each
// alias joined, roles, ties with evidence, timeline, documents, and the
// analyst's decisions (merge, split, rename, reject), which the server writes
// to the decisions journal before resolving the case again.
import { get, post } from './api.js';
import { append, bidi, clear, el, errorBox, link, table } from './dom.js';
import { entityLink, tieItem, unavailable, evidenceItem } from './evidence.js';

export async function renderEntities(page, arg, params, stale) {
  page.appendChild(el('h2', null, 'Entities'));
  const form = page.appendChild(el('form', 'entity-filter'));
  const type = form.appendChild(el('select'));
  type.name = 'type';
  for (const t of ['', 'PERSON', 'ORG', 'LOCATION']) {
    const o = type.appendChild(el('option', null, t || 'all types'));
    o.value = t;
  }
  type.value = params.get('type') || '';
  const q = form.appendChild(el('input'));
  q.type = 'search';
  q.name = 'q';
  q.dir = 'auto';
  q.placeholder = 'name contains';
  q.value = params.get('q') || '';
  form.appendChild(el('button', null, 'Filter')).type = 'submit';
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = '#/entities?type=' + encodeURIComponent(type.value) + '&q=' + encodeURIComponent(q.value);
  });
  const offset = Number(params.get('offset') || '0');
  const r = await get('/api/entities', { type: type.value, q: q.value, limit: 100, offset });
  if (stale()) return;
  page.appendChild(el('p', 'total', r.total + ' entities'));
  const rows = r.entities.map((e) => {
    const others = Object.values(e.names || {}).flat().filter((n) => n !== e.name).slice(0, 4).join(' | ');
    return [entityLink(e), e.type, String(e.mentions), bidi('span', 'aliases', others)];
  });
  page.appendChild(table(['Name', 'Type', 'Mentions', 'Other names'], rows)).classList.add('entities');
  if (offset + r.entities.length < r.total) {
    page.appendChild(link('/entities?type=' + encodeURIComponent(type.value) + '&q=' + encodeURIComponent(q.value) +
      '&offset=' + (offset + 100), 'more →'));
  }
}

function section(page, title, className) {
  const s = page.appendChild(el('section', 'entity-section ' + className));
  s.appendChild(el('h3', null, title));
  return s;
}

function decisionForms(e, done) {
  const box = el('section', 'entity-section decisions-form');
  box.appendChild(el('h3', null, 'Decide'));
  const message = el('p', 'decision-message');
  const send = async (action, body) => {
    message.textContent = 'Recording…';
    try {
      const r = await post('/api/entities/' + action, Object.assign({ entity: e.id }, body));
      message.textContent = action + ' recorded (decision ' + r.decision_id + ').';
      done(r);
    } catch (err) {
      clear(message).appendChild(errorBox(err.message));
    }
  };
  const row = (label, build) => {
    const f = box.appendChild(el('form', 'decision'));
    f.appendChild(el('span', 'decision-label', label));
    build(f);
    return f;
  };
  row('Merge with', (f) => {
    f.classList.add('merge');
    const other = f.appendChild(el('input'));
    other.name = 'other';
    other.dir = 'auto';
    other.placeholder = 'entity id or name';
    f.appendChild(el('button', null, 'Merge')).type = 'submit';
    f.addEventListener('submit', (ev) => { ev.preventDefault(); send('merge', { other: other.value }); });
  });
  if (e.aliases.length > 1) {
    row('Split out', (f) => {
      f.classList.add('split');
      const alias = f.appendChild(el('select'));
      alias.name = 'alias';
      for (const a of e.aliases) {
        const o = alias.appendChild(el('option', null, a.alias));
        o.value = a.alias;
      }
      f.appendChild(el('button', null, 'Split')).type = 'submit';
      f.addEventListener('submit', (ev) => { ev.preventDefault(); send('split', { alias: alias.value }); });
    });
  }
  row('Rename to', (f) => {
    f.classList.add('rename');
    const name = f.appendChild(el('input'));
    name.name = 'name';
    name.dir = 'auto';
    name.value = e.name;
    f.appendChild(el('button', null, 'Rename')).type = 'submit';
    f.addEventListener('submit', (ev) => { ev.preventDefault(); send('rename', { name: name.value }); });
  });
  row('Not an entity', (f) => {
    f.classList.add('reject');
    f.appendChild(el('button', null, 'Reject')).type = 'submit';
    f.addEventListener('submit', (ev) => { ev.preventDefault(); send('reject', {}); });
  });
  box.appendChild(message);
  return box;
}

export async function renderEntity(page, id, params, stale) {
  const e = await get('/api/entities/' + encodeURIComponent(id));
  if (stale()) return;
  const h = page.appendChild(bidi('h2', 'entity-name', e.name));
  h.dataset.id = e.id;
  page.appendChild(el('p', 'entity-facts', e.type + ' · ' + e.mentions + ' mentions in ' + e.document_count +
    ' documents' + (e.created_by === 'analyst' ? ' · edited by the analyst' : '')));
  const tools = page.appendChild(el('p', 'entity-tools'));
  append(tools, link('/network?entity=' + e.id, 'Network'), ' · ', link('/path?from=' + e.id, 'Path from here'), ' · ',
    link('/timeline?entity=' + e.id, 'Timeline'), ' · ', link('/payments?entity=' + e.id, 'Payments'), ' · ',
    link('/search?q=' + encodeURIComponent('"' + e.name.replace(/"/g, '') + '"'), 'Search'));

  const columns = page.appendChild(el('div', 'entity-layout'));
  const left = columns.appendChild(el('div', 'entity-left'));
  const right = columns.appendChild(el('div', 'entity-right'));
  const names = section(left, 'Names', 'names');
  const byScript = {};
  for (const a of e.aliases) (byScript[a.script] = byScript[a.script] || []).push(a);
  for (const [script, aliases] of Object.entries(byScript)) {
    names.appendChild(el('h4', null, script));
    names.appendChild(table(['Name', 'Mentions', 'Joined by'],
      aliases.map((a) => [bidi('span', 'alias', a.alias), String(a.count), a.reason])));
  }
  if (e.roles.length) {
    const roles = section(left, 'Roles', 'roles');
    const ul = roles.appendChild(el('ul'));
    for (const r of e.roles) append(ul.appendChild(el('li')), bidi('span', 'role', r.role), ' ', el('span', 'count', r.mentions));
  }
  if (e.decisions.length) {
    const d = section(left, 'Analyst decisions', 'decisions');
    const ul = d.appendChild(el('ul'));
    for (const x of e.decisions) {
      const p = x.payload || {};
      const what = [p.entity_name || p.entity, p.other_name || p.other, p.alias, p.name].filter(Boolean).join(' / ');
      ul.appendChild(bidi('li', null, x.at + ' ' + x.action + ': ' + what));
    }
  }
  left.appendChild(decisionForms(e, (r) => {
    const next = r.entity_id || r.split_entity_id;
    location.hash = next ? '#/entity/' + next + '?after=' + r.decision_id : '#/entities';
  }));

  const ties = section(right, 'Ties', 'ties');
  const timeline = section(right, 'Timeline', 'entity-timeline');
  const docs = section(right, 'Documents', 'documents');
  const ul = docs.appendChild(el('ul', 'entity-documents'));
  for (const d of e.documents) {
    const li = ul.appendChild(el('li'));
    const a = link('/doc/' + d.id, d.path || 'document ' + d.id);
    a.dir = 'auto';
    append(li, a, ' ', el('span', 'count', d.mention_count + ' mentions'));
  }
  if (e.document_count > e.documents.length) docs.appendChild(el('p', 'more', (e.document_count - e.documents.length) + ' more documents'));

  await Promise.all([
    get('/api/ties', { entity: e.id, limit: 50 }).then((r) => {
      if (stale()) return;
      if (!r.ties.length) ties.appendChild(el('p', 'none', 'No ties found.'));
      const list = ties.appendChild(el('ul', 'tie-list'));
      for (const t of r.ties) list.appendChild(tieItem(t));
    }).catch((err) => ties.appendChild(unavailable(err, 'Ties'))),
    get('/api/timeline', { entity: e.id, limit: 50 }).then((r) => {
      if (stale()) return;
      if (!r.events.length) timeline.appendChild(el('p', 'none', 'No dated events.'));
      const list = timeline.appendChild(el('ol', 'events'));
      for (const ev of r.events) list.appendChild(eventItem(ev));
    }).catch((err) => timeline.appendChild(unavailable(err, 'Timeline'))),
  ]);
}

export function eventItem(ev) {
  const li = el('li', 'event');
  append(li, el('time', 'event-date', ev.date), ' ');
  if (ev.original && ev.original !== ev.date) append(li, bidi('span', 'event-original', '(' + ev.original + ')'), ' ');
  const ul = el('ul', 'evidence-list');
  ul.appendChild(evidenceItem({ text: ev.text, document_id: ev.document_id, path: ev.path }));
  li.appendChild(ul);
  if (ev.entities && ev.entities.length) {
    const who = li.appendChild(el('div', 'event-entities'));
    for (const x of ev.entities) append(who, entityLink(x), ' ');
  }
  return li;
}
