// leakgraph's analyst workspace: a single page with hash routes
// (#/search?q=, #/doc/ID, #/entities, #/entity/ID, #/network, #/path,
// #/timeline, #/payments). Every page renders into <main> from the JSON API.
import { clear, errorBox, el } from './dom.js';
import { renderSearch } from './search.js';
import { renderDocument } from './document.js';
import { renderEntities, renderEntity } from './entity.js';
import { renderNetwork } from './network.js';
import { renderPath } from './path.js';
import { renderTimeline, renderPayments } from './timeline.js';
import { get } from './api.js';

const pages = {
  search: renderSearch,
  doc: renderDocument,
  entities: renderEntities,
  entity: renderEntity,
  network: renderNetwork,
  path: renderPath,
  timeline: renderTimeline,
  payments: renderPayments,
};

// "#/entity/12?x=1" -> {page: "entity", arg: "12", params: URLSearchParams}
function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const [page, arg] = (path || '').split('/');
  return { page: page || 'search', arg: arg ? decodeURIComponent(arg) : '', params: new URLSearchParams(query || '') };
}

let generation = 0;

async function route() {
  const r = parseRoute();
  const main = document.getElementById('main');
  const mine = ++generation;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.page === r.page || (r.page === 'entity' && a.dataset.page === 'entities'));
  }
  const render = pages[r.page];
  const page = el('div', 'page page-' + r.page);
  clear(main).appendChild(page);
  if (!render) {
    page.appendChild(errorBox('No such page.'));
    return;
  }
  document.body.dataset.page = r.page;
  document.body.dataset.loading = '1';
  try {
    await render(page, r.arg, r.params, () => mine !== generation);
  } catch (e) {
    if (mine === generation) page.appendChild(errorBox(e.message || String(e)));
  } finally {
    if (mine === generation) delete document.body.dataset.loading;
  }
}

function init() {
  const form = document.getElementById('search-form');
  const q = document.getElementById('q');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = '#/search?q=' + encodeURIComponent(q.value);
  });
  window.addEventListener('hashchange', route);
  get('/api/status').then((s) => {
    document.getElementById('status').textContent = s.documents + ' documents';
  }).catch(() => {});
  route();
}

init();
