// Search: results with highlighted snippets, facets (entities, type,
// language, a histogram of months) that refine the query when clicked.
import { get } from './api.js';
import { append, bidi, el, link, snippet } from './dom.js';

function refine(q, term) {
  return '/search?q=' + encodeURIComponent((q + ' ' + term).trim());
}

function quoted(value) {
  return /[\s"]/.test(value) ? '"' + value.replace(/"/g, '') + '"' : value;
}

function facetList(title, entries, q, termOf, className) {
  if (!entries || entries.length === 0) return null;
  const box = el('section', 'facet ' + (className || ''));
  box.appendChild(el('h3', null, title));
  const ul = box.appendChild(el('ul'));
  for (const f of entries) {
    const li = ul.appendChild(el('li'));
    const a = link(refine(q, termOf(f)), f.name, 'facet-value');
    a.dir = 'auto';
    append(li, a, ' ', el('span', 'count', f.count));
  }
  return box;
}

function histogram(months, q) {
  if (!months || months.length === 0) return null;
  const box = el('section', 'facet histogram');
  box.appendChild(el('h3', null, 'Dates'));
  const bars = box.appendChild(el('div', 'bars'));
  const max = Math.max(...months.map((m) => m.count));
  for (const m of months) {
    const a = link(refine(q, 'date:' + m.name), '', 'bar');
    a.title = m.name + ': ' + m.count;
    const fill = a.appendChild(el('span', 'fill'));
    // A bar's height is a class (no inline style under the CSP): h0..h10.
    fill.classList.add('h' + Math.max(1, Math.round((10 * m.count) / max)));
    a.appendChild(el('span', 'label', m.name));
    bars.appendChild(a);
  }
  box.appendChild(el('p', 'range count', months[0].name + ' – ' + months[months.length - 1].name));
  return box;
}

export async function renderSearch(page, arg, params, stale) {
  const q = params.get('q') || '';
  const pageNo = Number(params.get('page') || '1');
  document.getElementById('q').value = q;
  if (!q.trim()) {
    page.appendChild(el('h2', null, 'Search the case'));
    page.appendChild(el('p', 'hint', 'Words, "phrases", person:, org:, place:, role:, type:, lang:, date:2019-01..2019-06, AND, OR, NOT.'));
    return;
  }
  const r = await get('/api/search', { q, page: pageNo, limit: 20, facets: 1 });
  if (stale()) return;
  const layout = page.appendChild(el('div', 'search-layout'));
  const side = layout.appendChild(el('aside', 'facets'));
  const results = layout.appendChild(el('section', 'results'));
  results.appendChild(el('p', 'total', r.total + ' documents' + (r.total > 0 ? ', page ' + r.page : '')));
  const list = results.appendChild(el('ol', 'hits'));
  list.start = r.offset + 1;
  for (const h of r.hits) {
    const li = list.appendChild(el('li', 'hit'));
    const title = link('/doc/' + h.id, h.title || h.path || 'document ' + h.id, 'hit-title');
    title.dir = 'auto';
    li.appendChild(title);
    li.appendChild(bidi('div', 'hit-path', h.path));
    li.appendChild(el('div', 'hit-meta', [h.type, h.lang, h.date].filter(Boolean).join(' · ')));
    li.appendChild(snippet(h.snippet_html));
  }
  const nav = results.appendChild(el('p', 'pager'));
  if (pageNo > 1) nav.appendChild(link('/search?q=' + encodeURIComponent(q) + '&page=' + (pageNo - 1), '← previous'));
  if (r.offset + r.hits.length < r.total) {
    nav.appendChild(link('/search?q=' + encodeURIComponent(q) + '&page=' + (pageNo + 1), 'next →'));
  }
  const f = r.facets || {};
  append(side,
    facetList('People', f.person, q, (x) => 'person:' + quoted(x.name), 'facet-person'),
    facetList('Organisations', f.org, q, (x) => 'org:' + quoted(x.name), 'facet-org'),
    facetList('Places', f.place, q, (x) => 'place:' + quoted(x.name), 'facet-place'),
    facetList('Roles', f.role, q, (x) => 'role:' + quoted(x.name), 'facet-role'),
    facetList('Type', f.type, q, (x) => 'type:' + quoted(x.name), 'facet-type'),
    facetList('Language', f.lang, q, (x) => 'lang:' + x.name, 'facet-lang'),
    histogram(f.month, q));
}
