// The timeline (dated events, each with its sentence and document) and the
// payments (who paid whom, how much, when, on what evidence).
import { get } from './api.js';
import { append, el, table } from './dom.js';
import { entityLink, evidenceItem } from './evidence.js';
import { eventItem } from './entity.js';
import { resolveEntity } from './graph.js';

function entityForm(page, params, route, label) {
  const form = page.appendChild(el('form', 'entity-form'));
  const l = form.appendChild(el('label', null, label + ' '));
  const i = l.appendChild(el('input'));
  i.name = 'entity';
  i.dir = 'auto';
  i.placeholder = 'id or name (empty: everyone)';
  i.value = params.get('entity') || '';
  form.appendChild(el('button', null, 'Show')).type = 'submit';
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const id = i.value.trim() ? await resolveEntity(i.value).catch(() => null) : '';
    location.hash = '#/' + route + (id ? '?entity=' + id : '');
  });
  return i;
}

export async function renderTimeline(page, arg, params, stale) {
  page.appendChild(el('h2', null, 'Timeline'));
  entityForm(page, params, 'timeline', 'Entity');
  const r = await get('/api/timeline', { entity: params.get('entity'), limit: 500 });
  if (stale()) return;
  if (!r.events.length) {
    page.appendChild(el('p', 'none', 'No dated events.'));
    return;
  }
  let year = null;
  let list = null;
  for (const ev of r.events) {
    const y = String(ev.date || '').slice(0, 4);
    if (y !== year) {
      year = y;
      page.appendChild(el('h3', 'year', y || 'undated'));
      list = page.appendChild(el('ol', 'events'));
    }
    list.appendChild(eventItem(ev));
  }
  page.dataset.events = String(r.events.length);
}

export async function renderPayments(page, arg, params, stale) {
  page.appendChild(el('h2', null, 'Payments'));
  entityForm(page, params, 'payments', 'Payer or payee');
  const r = await get('/api/payments', { entity: params.get('entity') });
  if (stale()) return;
  if (!r.payments.length) {
    page.appendChild(el('p', 'none', 'No payments found.'));
    return;
  }
  const rows = r.payments.map((p) => {
    const ev = el('ul', 'evidence-list');
    for (const x of (p.evidence || []).slice(0, 3)) ev.appendChild(evidenceItem(x));
    return [p.date || '', entityLink(p.payer), entityLink(p.payee),
      append(el('span', 'amount'), String(p.amount ?? ''), ' ', p.currency || ''), ev];
  });
  page.appendChild(table(['Date', 'Payer', 'Payee', 'Amount', 'Evidence'], rows)).classList.add('payments');
  page.dataset.payments = String(r.payments.length);
}
