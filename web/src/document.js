// The document viewer: metadata, container path, pages, download of the
// original, and the text with its mentions lit up (entities link to their
// page). Text is placed with text nodes only; dir="auto" lays Arabic and
// Persian out right to left.
import { get, originalUrl } from './api.js';
import { append, appendText, bidi, byteOffsetsToIndexes, el, link, splitAtByteOffsets, table } from './dom.js';

const KINDS = ['PERSON', 'ORG', 'LOCATION', 'ROLE', 'DATE', 'MONEY', 'EMAIL', 'PHONE', 'IBAN'];

// Non-overlapping mentions, earliest first (a longer one wins a tie).
function spansOf(mentions) {
  const sorted = [...mentions].sort((a, b) => a.begin - b.begin || b.end - a.end);
  const out = [];
  let end = -1;
  for (const m of sorted) {
    if (m.begin >= end) {
      out.push(m);
      end = m.end;
    }
  }
  return out;
}

function renderText(text, mentions, pageOffsets) {
  const box = el('div', 'doc-text');
  box.dir = 'auto';
  const segments = splitAtByteOffsets(text, spansOf(mentions));
  // Page breaks: a marker before the segment holding each page's first byte.
  const pageStarts = byteOffsetsToIndexes(text, pageOffsets || []);
  let charAt = 0;
  let nextPage = 0;
  const addPageMarkers = (upTo) => {
    while (nextPage < pageStarts.length && pageStarts[nextPage] <= upTo) {
      box.appendChild(el('span', 'page-break', 'page ' + (nextPage + 1)));
      nextPage++;
    }
  };
  for (const seg of segments) {
    addPageMarkers(charAt);
    if (!seg.span) {
      appendText(box, seg.text);
    } else {
      const m = seg.span;
      const kind = KINDS.includes(m.type) ? m.type.toLowerCase() : 'other';
      const node = m.entity_id ? link('/entity/' + m.entity_id, seg.text, 'mention m-' + kind)
        : el('span', 'mention m-' + kind, seg.text);
      node.title = m.type + (m.normalized && m.normalized !== m.text ? ': ' + m.normalized : '');
      box.appendChild(node);
    }
    charAt += seg.text.length;
  }
  return box;
}

export async function renderDocument(page, id, params, stale) {
  const d = await get('/api/documents/' + encodeURIComponent(id));
  if (stale()) return;
  const h = page.appendChild(bidi('h2', 'doc-title', d.title || (d.paths && d.paths[0]) || 'document ' + d.id));
  h.dataset.id = d.id;
  const actions = page.appendChild(el('p', 'doc-actions'));
  if (d.parent === null) {
    const a = el('a', 'download', 'Download the original');
    a.href = originalUrl(d.id);
    a.setAttribute('download', '');
    actions.appendChild(a);
  }
  if (d.parent !== null && d.parent !== undefined) {
    append(actions, 'Inside ', link('/doc/' + d.parent, 'document ' + d.parent));
  }
  const meta = [
    ['Id', String(d.id)],
    ['Type', d.content_type],
    ['Language', d.language],
    ['Date', d.date || ''],
    ['Size', d.size + ' bytes'],
    ['Charset', d.charset || ''],
    ['SHA-256', d.hash],
    ['Pages', d.pages && d.pages.length ? String(d.pages.length) : ''],
  ];
  for (const [k, v] of Object.entries(d.metadata || {})) meta.push([k, v]);
  const rows = meta.filter(([, v]) => v).map(([k, v]) => [k, bidi('span', null, v)]);
  const paths = el('ul', 'paths');
  for (const p of d.paths || []) paths.appendChild(bidi('li', 'container-path', p));
  rows.push(['Found at', paths]);
  if (d.children && d.children.length) {
    const kids = el('span');
    for (const c of d.children) append(kids, link('/doc/' + c, 'document ' + c), ' ');
    rows.push(['Contains', kids]);
  }
  const layout = page.appendChild(el('div', 'doc-layout'));
  const side = layout.appendChild(el('aside', 'doc-meta'));
  side.appendChild(table(['', ''], rows));
  const people = (d.mentions || []).filter((m) => m.entity_id);
  if (people.length) {
    side.appendChild(el('h3', null, 'Entities'));
    const ul = side.appendChild(el('ul', 'doc-entities'));
    const seen = new Set();
    for (const m of people) {
      if (seen.has(m.entity_id)) continue;
      seen.add(m.entity_id);
      const li = ul.appendChild(el('li'));
      const a = link('/entity/' + m.entity_id, m.normalized || m.text, 'entity-link m-' + m.type.toLowerCase());
      a.dir = 'auto';
      append(li, a, ' ', el('span', 'type', m.type));
    }
  }
  layout.appendChild(renderText(d.text || '', d.mentions || [], d.pages || []));
}
