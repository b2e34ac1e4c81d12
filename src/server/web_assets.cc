// The minimal web UI, embedded (see web_assets.h). Edit the text between the
// raw-string delimiters; the SPA built from web/ will replace this file.
#include "server/web_assets.h"

namespace leakgraph::server {
namespace {

constexpr std::string_view kIndexHtml = R"asset(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>leakgraph</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<header>
<h1><a href="#">leakgraph</a></h1>
<form id="search-form" role="search">
<input id="q" name="q" type="search" dir="auto" maxlength="4000" autocomplete="off" placeholder="Search: words, &quot;phrases&quot;, person:, date:2019..">
<button type="submit">Search</button>
</form>
<p id="status"></p>
</header>
<main id="main"></main>
</body>
</html>
)asset";

constexpr std::string_view kAppJs =
    R"asset(// leakgraph minimal UI. Document data is hostile: it is only ever put on the
// page with textContent and createElement, never parsed as markup.
'use strict';

(function () {
  var token = '';
  var tokenMatch = /(?:^|[#&])token=([0-9A-Za-z_-]+)/.exec(location.hash);
  if (tokenMatch) {
    token = tokenMatch[1];
    try { sessionStorage.setItem('leakgraph-token', token); } catch (e) { /* storage may be off */ }
    history.replaceState(null, '', location.pathname);
  } else {
    try { token = sessionStorage.getItem('leakgraph-token') || ''; } catch (e) { token = ''; }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function api(path) {
    var headers = {};
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(path, { headers: headers, credentials: 'same-origin' }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + res.status);
        return body;
      });
    });
  }

  // Xapian's snippet is escaped text with <mark> around matches: rebuilt here
  // as text nodes and mark elements, decoding only the five entities.
  function appendSnippet(parent, snippetHtml) {
    var parts = String(snippetHtml).split(/(<mark>|<\/mark>)/);
    var inMark = false;
    parts.forEach(function (part) {
      if (part === '<mark>') { inMark = true; return; }
      if (part === '</mark>') { inMark = false; return; }
      var text = part.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      parent.appendChild(inMark ? el('mark', '', text) : document.createTextNode(text));
    });
  }

  function docLink(id, label) {
    var a = el('a', 'doc-link');
    a.href = '#doc=' + encodeURIComponent(String(id));
    var bdi = el('bdi', '', label);
    a.appendChild(bdi);
    return a;
  }

  var main = document.getElementById('main');
  var statusLine = document.getElementById('status');
  var form = document.getElementById('search-form');
  var input = document.getElementById('q');

  function showError(err) {
    clear(main);
    main.appendChild(el('p', 'error', err.message));
  }

  function loadStatus() {
    api('/api/status').then(function (s) {
      statusLine.textContent = s.documents + ' documents, index ' +
        (s.index_consistent ? 'in step with the store' : 'NOT in step with the store');
    }, function (err) { statusLine.textContent = err.message; });
  }

  function renderHome() {
    clear(main);
    main.appendChild(el('h2', '', 'Most mentioned people'));
    var list = el('ol', 'mentions');
    main.appendChild(list);
    api('/api/mentions?type=PERSON&limit=30').then(function (r) {
      r.mentions.forEach(function (m) {
        var li = el('li');
        var a = el('a');
        a.href = '#q=' + encodeURIComponent('person:"' + m.name.replace(/"/g, '') + '"');
        a.appendChild(el('bdi', '', m.name));
        li.appendChild(a);
        li.appendChild(el('span', 'count', ' ' + m.documents + ' documents'));
        list.appendChild(li);
      });
      if (r.mentions.length === 0) list.appendChild(el('li', '', 'none found'));
    }, showError);
  }

  function renderFacets(facets) {
    var box = el('aside', 'facets');
    [['person', 'People'], ['org', 'Organisations'], ['place', 'Places'], ['role', 'Roles']].forEach(function (kind) {
      var entries = facets[kind[0]] || [];
      if (entries.length === 0) return;
      box.appendChild(el('h3', '', kind[1]));
      var ul = el('ul');
      entries.forEach(function (f) {
        var li = el('li');
        var a = el('a');
        a.href = '#q=' + encodeURIComponent(input.value + ' ' + kind[0] + ':"' + f.name.replace(/"/g, '') + '"');
        a.appendChild(el('bdi', '', f.name));
        li.appendChild(a);
        li.appendChild(el('span', 'count', ' ' + f.count));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    return box;
  }

  function renderSearch(q, page) {
    input.value = q;
    clear(main);
    main.appendChild(el('p', 'loading', 'Searching…'));
    var url = '/api/search?facets=1&limit=20&page=' + page + '&q=' + encodeURIComponent(q);
    api(url).then(function (r) {
      clear(main);
      main.appendChild(el('p', 'total', 'About ' + r.total + (r.total === 1 ? ' result' : ' results')));
      if (r.facets) main.appendChild(renderFacets(r.facets));
      var ol = el('ol', 'hits');
      ol.start = r.offset + 1;
      r.hits.forEach(function (h) {
        var li = el('li', 'hit');
        li.appendChild(docLink(h.id, h.title || h.path));
        var meta = el('div', 'meta');
        meta.appendChild(el('bdi', 'path', h.path));
        meta.appendChild(document.createTextNode(' · ' + h.lang + ' · ' + h.type + (h.date ? ' · ' + h.date : '')));
        li.appendChild(meta);
        var snippet = el('p', 'snippet');
        snippet.dir = 'auto';
        appendSnippet(snippet, h.snippet_html);
        li.appendChild(snippet);
        ol.appendChild(li);
      });
      main.appendChild(ol);
      if (r.offset + r.hits.length < r.total) {
        var more = el('a', 'more', 'Next page');
        more.href = '#q=' + encodeURIComponent(q) + '&page=' + (page + 1);
        main.appendChild(more);
      }
    }, showError);
  }

  // The text with each mention (byte offsets into the UTF-8 text) in a mark.
  function appendText(parent, text, mentions) {
    var bytes = new TextEncoder().encode(text);
    var decoder = new TextDecoder('utf-8');
    var sorted = mentions.slice().sort(function (a, b) { return a.begin - b.begin; });
    var at = 0;
    sorted.forEach(function (m) {
      if (m.begin < at || m.end > bytes.length || m.end <= m.begin) return;  // overlapping or out of range
      parent.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at, m.begin))));
      var mark = el('mark', 'mention mention-' + String(m.type).toLowerCase(), decoder.decode(bytes.subarray(m.begin, m.end)));
      mark.title = m.type + (m.normalized ? ': ' + m.normalized : '');
      parent.appendChild(mark);
      at = m.end;
    });
    parent.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at))));
  }

  function renderDocument(id) {
    clear(main);
    api('/api/documents/' + encodeURIComponent(id)).then(function (d) {
      clear(main);
      var h = el('h2');
      h.appendChild(el('bdi', '', d.title || '(untitled)'));
      main.appendChild(h);
      var dl = el('dl', 'metadata');
      function row(key, value) {
        if (value === undefined || value === null || value === '') return;
        dl.appendChild(el('dt', '', key));
        var dd = el('dd');
        dd.dir = 'auto';
        if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
        dl.appendChild(dd);
      }
      row('id', d.id);
      row('type', d.content_type);
      row('language', d.language);
      row('date', d.date);
      row('size', d.size + ' bytes');
      row('sha256', d.hash);
      d.paths.forEach(function (p) { row('path', p); });
      if (d.parent !== null) row('parent', docLink(d.parent, 'document ' + d.parent));
      d.children.forEach(function (c) { row('child', docLink(c, 'document ' + c)); });
      Object.keys(d.metadata).forEach(function (k) { row(k, d.metadata[k]); });
      var download = el('a', 'download', 'Download the original (not opened here)');
      download.href = '/api/documents/' + encodeURIComponent(String(d.id)) + '/original' +
        (token ? '?token=' + encodeURIComponent(token) : '');
      download.setAttribute('download', '');
      download.rel = 'noopener noreferrer';
      row('original', download);
      main.appendChild(dl);
      if (d.mentions.length > 0) {
        main.appendChild(el('h3', '', 'Mentions'));
        var ul = el('ul', 'mention-list');
        d.mentions.forEach(function (m) {
          var li = el('li');
          li.appendChild(el('span', 'mention-type', m.type + ' '));
          li.appendChild(el('bdi', '', m.normalized || m.text));
          ul.appendChild(li);
        });
        main.appendChild(ul);
      }
      main.appendChild(el('h3', '', 'Text'));
      var pre = el('pre', 'doc-text');
      pre.dir = 'auto';
      appendText(pre, d.text || '', d.mentions);
      main.appendChild(pre);
    }, showError);
  }

  function route() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (params.has('doc')) return renderDocument(params.get('doc'));
    if (params.has('q')) return renderSearch(params.get('q'), Math.max(1, parseInt(params.get('page') || '1', 10) || 1));
    renderHome();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    location.hash = 'q=' + encodeURIComponent(input.value);
  });
  window.addEventListener('hashchange', route);
  loadStatus();
  route();
})();
)asset";

constexpr std::string_view kAppCss =
    R"asset(body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 0 1rem; color: #222; }
header { border-bottom: 1px solid #ccc; padding: 0.5rem 0; }
header h1 { display: inline-block; font-size: 1.3rem; margin: 0 1rem 0 0; }
header h1 a { color: inherit; text-decoration: none; }
#search-form { display: inline-flex; gap: 0.5rem; width: 60%; }
#q { flex: 1; font-size: 1rem; padding: 0.3rem; }
#status { color: #666; font-size: 0.85rem; margin: 0.3rem 0 0; }
.error { color: #a00; }
.facets { float: right; width: 16rem; margin-left: 1rem; font-size: 0.9rem; }
.facets ul { list-style: none; padding: 0; }
.hits { overflow: hidden; }
.hit { margin-bottom: 1rem; }
.meta { color: #666; font-size: 0.85rem; }
.count, .mention-type { color: #666; font-size: 0.85rem; }
bdi, .snippet, .doc-text, dd { unicode-bidi: isolate; }
mark { background: #ffe58a; }
.mention-person { background: #cde4ff; }
.mention-org { background: #d8f5d0; }
.mention-location { background: #f5dcc8; }
.doc-text { white-space: pre-wrap; unicode-bidi: plaintext; border-top: 1px solid #eee; padding-top: 0.5rem; }
.metadata { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; font-size: 0.9rem; }
.metadata dt { color: #666; }
.metadata dd { margin: 0; overflow-wrap: anywhere; }
)asset";

constexpr WebAsset kAssets[] = {
    {"/", "text/html; charset=utf-8", kIndexHtml},
    {"/app.js", "text/javascript; charset=utf-8", kAppJs},
    {"/app.css", "text/css; charset=utf-8", kAppCss},
};

}  // namespace

std::span<const WebAsset> WebAssets() {
  return kAssets;
}

}  // namespace leakgraph::server
