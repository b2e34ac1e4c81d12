// DOM helpers. Document data is hostile: it reaches the page only as text
// (textContent, attribute values set through the DOM API), never as markup.

// Bidirectional overrides, embeddings and isolates (U+202A-U+202E,
// U+2066-U+2069) let a hostile document show "gpj.exe" as "exe.jpg". They are
// shown as visible marks instead of being obeyed; the marks the scripts need
// (LRM, RLM, ZWNJ) are kept.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_NAMES = {
  '\u202A': 'LRE', '\u202B': 'RLE', '\u202C': 'PDF', '\u202D': 'LRO', '\u202E': 'RLO',
  '\u2066': 'LRI', '\u2067': 'RLI', '\u2068': 'FSI', '\u2069': 'PDI',
};

// Appends `text` to `node` as text, bidi controls made visible; returns node.
export function appendText(node, text) {
  const s = String(text);
  if (!BIDI_CONTROLS.test(s)) {
    node.appendChild(document.createTextNode(s));
    return node;
  }
  for (const part of s.split(/([\u202A-\u202E\u2066-\u2069])/)) {
    if (!part) continue;
    if (BIDI_NAMES[part]) {
      const mark = document.createElement('span');
      mark.className = 'bidi-control';
      mark.title = 'U+' + part.charCodeAt(0).toString(16).toUpperCase() + ' (' + BIDI_NAMES[part] + '), shown, not applied';
      mark.textContent = '[' + BIDI_NAMES[part] + ']';
      node.appendChild(mark);
    } else {
      node.appendChild(document.createTextNode(part));
    }
  }
  return node;
}

// A new element with `className` and, if given, `text` as its text.
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) appendText(node, text);
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// A link inside the app: only "#/..." targets, built by the app itself.
export function link(route, text, className) {
  const a = el('a', className, text);
  a.href = '#' + route;
  return a;
}

// Appends children (nodes or strings, as text) to `parent`; returns parent.
export function append(parent, ...children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (typeof c === 'string' || typeof c === 'number') appendText(parent, c);
    else parent.appendChild(c);
  }
  return parent;
}

// Text in its own direction: Arabic and Persian read right to left.
export function bidi(tag, className, text) {
  const node = el(tag, className, text);
  node.dir = 'auto';
  return node;
}

// Snippets come from the server as escaped text with <mark> around matches
// (the one HTML field of the API). They are rebuilt here from that string
// without parsing it as HTML: the text between the marks is unescaped and
// inserted as text.
export function snippet(html) {
  const p = el('p', 'snippet');
  p.dir = 'auto';
  const parts = String(html || '').split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') { marked = true; continue; }
    if (part === '</mark>') { marked = false; continue; }
    const text = unescapeEntities(part.replace(/<[^>]*>/g, ''));
    if (!text) continue;
    if (marked) p.appendChild(el('mark', null, text));
    else appendText(p, text);
  }
  return p;
}

function unescapeEntities(s) {
  return s.replace(/&(lt|gt|amp|quot|#39|#x27|apos);/g, (m, name) => (
    { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'", apos: "'" }[name]));
}

// Splits `text` (a JS string) at UTF-8 byte offsets. `spans` are
// {begin, end, ...} in bytes, sorted by begin, not overlapping. Returns
// [{text, span|null}] covering the whole text.
export function splitAtByteOffsets(text, spans) {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const out = [];
  let at = 0;
  for (const span of spans) {
    const begin = Math.max(span.begin, at);
    const end = Math.min(span.end, bytes.length);
    if (begin >= end) continue;
    if (begin > at) out.push({ text: decoder.decode(bytes.subarray(at, begin)), span: null });
    out.push({ text: decoder.decode(bytes.subarray(begin, end)), span });
    at = end;
  }
  if (at < bytes.length) out.push({ text: decoder.decode(bytes.subarray(at)), span: null });
  return out;
}

// The JS string index of each UTF-8 byte offset in `offsets` (for page starts).
export function byteOffsetsToIndexes(text, offsets) {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  return offsets.map((o) => decoder.decode(bytes.subarray(0, Math.min(o, bytes.length))).length);
}

export function table(headers, rows) {
  const t = el('table');
  const head = el('tr');
  for (const h of headers) head.appendChild(el('th', null, h));
  t.appendChild(el('thead')).appendChild(head);
  const body = t.appendChild(el('tbody'));
  for (const row of rows) {
    const tr = body.appendChild(el('tr'));
    for (const cell of row) {
      const td = tr.appendChild(el('td'));
      append(td, cell);
    }
  }
  return t;
}

export function errorBox(message) {
  const box = el('p', 'error', message);
  box.setAttribute('role', 'alert');
  return box;
}
