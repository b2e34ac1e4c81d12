// Drives the web workspace in a real browser (Debian's chromium through
// playwright-core) as an analyst would: search -> open a document -> open an
// entity -> expand the network -> find a path -> timeline, plus an XSS
// fixture that must render inert. Screenshots go to ARTEFACTS.
// Usage: node workspace.test.mjs LEAKGRAPH NODE_MODULES ARTEFACTS
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [leakgraph, nodeModules, artefacts] = process.argv.slice(2);
if (!leakgraph || !nodeModules || !artefacts) {
  console.error('usage: node workspace.test.mjs LEAKGRAPH NODE_MODULES ARTEFACTS');
  process.exit(2);
}
const source = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { chromium } = createRequire(join(nodeModules, 'noop.js'))('playwright-core');

const RLO = '\u202E';
let passed = 0;
let failed = 0;
const failures = [];

function check(condition, what) {
  if (!condition) throw new Error('expected: ' + what);
}

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    failures.push(name);
    console.log(`not ok - ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

function run(args) {
  const r = spawnSync(leakgraph, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`leakgraph ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

// `leakgraph serve CASE --port 0`; resolves with the process and its port.
function serve(caseDir) {
  return new Promise((resolvePort, reject) => {
    const child = spawn(leakgraph, ['serve', caseDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + out)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /serving .* at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort({ child, port: Number(m[1]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

const work = mkdtempSync(join(tmpdir(), 'leakgraph-browser-'));
const caseDir = join(work, 'case');
const hostile = join(work, 'hostile');
mkdirSync(artefacts, { recursive: true });
mkdirSync(hostile);
// The XSS fixture: markup, event handlers, javascript: links and a
// right-to-left override, in a text file and in an HTML file.
writeFileSync(join(hostile, 'hostile.txt'),
  'zanzibarquux notes <script>alert("script")</script> <img src=x onerror=alert("img")> ' +
  '<a href="javascript:alert(\'link\')">click</a> <svg onload=alert("svg")></svg> invoice ' + RLO + 'fdp.exe\n');
writeFileSync(join(hostile, 'hostile.html'),
  '<html><head><title>Evil <script>alert("title")</script> title</title></head><body>' +
  '<p>zanzibarquux page <img src=x onerror=alert("img2")> <a href="javascript:alert(1)">click</a> ' +
  RLO + 'gpj.exe</p><script>alert("body")</script><iframe src="javascript:alert(2)"></iframe></body></html>\n');

run(['init', caseDir]);
run(['ingest', caseDir, join(source, 'examples', 'sample-archive'), '-q', '-j', '2']);
run(['ingest', caseDir, hostile, '-q', '-j', '2']);
const { child: server, port } = await serve(caseDir);
const base = `http://127.0.0.1:${port}/`;

const profile = mkdtempSync(join(tmpdir(), 'leakgraph-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(15000);
const dialogs = [];
const consoleErrors = [];
const foreignRequests = [];
page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push('pageerror: ' + e.message));
page.on('request', (r) => { if (!r.url().startsWith(base)) foreignRequests.push(r.url()); });

async function shot(name) {
  await page.screenshot({ path: join(artefacts, name + '.png'), fullPage: true });
}
async function open(route) {
  await page.goto(base + '#' + route);
  await page.waitForFunction(() => !document.body.dataset.loading);
}
// GET on the API from the page (same origin, as the UI does).
async function apiStatus(path) {
  return page.evaluate(async (p) => (await fetch(p)).status, path);
}

let entityId = null;
let otherId = null;
let graphAvailable = false;

await step('search shows ranked hits with highlighted snippets and facets', async () => {
  await open('/search?q=Tavanaei');
  await page.waitForSelector('.hit');
  check(await page.locator('.hit').count() > 0, 'hits');
  check(await page.locator('.snippet mark').count() > 0, 'a <mark> in a snippet');
  check(await page.locator('.facet-person li').count() > 0, 'a person facet');
  check(await page.locator('.facet-type li').count() > 0, 'a type facet');
  check(await page.locator('.facet-lang li').count() > 0, 'a language facet');
  check(await page.locator('.histogram .bar').count() > 0, 'a date histogram');
  await shot('1-search');
  // A facet refines the query.
  await page.locator('.facet-type a').first().click();
  // The hash changes before the route runs: wait for the refined search itself (its query in the box,
  // set when its rendering starts) to have finished.
  await page.waitForFunction(() => document.getElementById('q').value.includes('type:') &&
                                   !document.body.dataset.loading);
  check(await page.locator('.hit').count() > 0, 'hits after a facet click');
});

await step('a document shows its text with entities lit up and its metadata', async () => {
  await open('/search?q=Tavanaei');
  await page.locator('.hit-title').first().click();
  await page.waitForSelector('.doc-text');
  const text = await page.locator('.doc-text').textContent();
  check(text.includes('Tavanaei'), 'the document text');
  check(await page.locator('.doc-text a.mention.m-person').count() > 0, 'a linked PERSON mention');
  check(await page.locator('.container-path').count() > 0, 'where it was found');
  // Each highlighted mention is exactly the text its byte offsets name.
  const bad = await page.evaluate(async () => {
    const id = /#\/doc\/(\d+)/.exec(location.hash)[1];
    const d = await (await fetch('/api/documents/' + id)).json();
    const shown = [...document.querySelectorAll('.doc-text .mention')].map((n) => n.textContent);
    return shown.filter((s) => !d.mentions.some((m) => m.text === s));
  });
  check(bad.length === 0, 'mentions highlighted at their offsets, not ' + JSON.stringify(bad));
  await shot('2-document');
});

await step('a PDF shows its page breaks and offers the original as a download', async () => {
  await open('/search?q=' + encodeURIComponent('type:pdf "consultancy fee"'));
  await page.locator('.hit-title').first().click();
  await page.waitForSelector('.doc-text');
  check(await page.locator('.doc-text .page-break').count() >= 2, 'a mark where each page starts');
  const href = await page.locator('a.download').getAttribute('href');
  check(/^\/api\/documents\/\d+\/original$/.test(href), 'a download link, not ' + href);
  const download = await page.evaluate(async (h) => {
    const r = await fetch(h);
    return { type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition') };
  }, href);
  check(download.type === 'application/octet-stream' && /^attachment/.test(download.disposition),
    'the original served as an attachment: ' + JSON.stringify(download));
});

await step('an Arabic-script document reads right to left', async () => {
  await open('/search?q=' + encodeURIComponent('lang:fa'));
  await page.locator('.hit-title').first().click();
  await page.waitForSelector('.doc-text');
  const direction = await page.locator('.doc-text').evaluate((n) => getComputedStyle(n).direction);
  check(await page.locator('.doc-text').getAttribute('dir') === 'auto', 'dir=auto');
  check(direction === 'rtl' || direction === 'ltr', 'a direction');
  // dir=auto resolves from the first strong character: the text is Persian.
  const rtl = await page.locator('.doc-text').evaluate((n) => n.matches(':dir(rtl)'));
  check(rtl, 'the Persian text laid out right to left');
  await shot('3-document-persian');
});

await step('an entity page shows names by script, reasons, documents', async () => {
  await open('/search?q=Tavanaei');
  await page.locator('.hit-title').first().click();
  await page.waitForSelector('.doc-text a.mention.m-person');
  await page.locator('.doc-text a.mention.m-person').first().click();
  await page.waitForSelector('.entity-name');
  entityId = Number(await page.locator('.entity-name').getAttribute('data-id'));
  check(entityId > 0, 'an entity id');
  check(await page.locator('.names .alias').count() > 0, 'its names');
  check(await page.locator('.entity-documents li').count() > 0, 'its documents');
  await page.waitForFunction(() => !document.body.dataset.loading);
  await shot('4-entity');
});

await step('the entities list filters by type and name', async () => {
  await open('/entities?type=PERSON&q=tavan');
  await page.waitForSelector('table.entities tbody tr');
  const types = await page.locator('table.entities tbody td:nth-child(2)').allTextContents();
  check(types.length > 0 && types.every((t) => t === 'PERSON'), 'PERSON rows only');
});

graphAvailable = (await apiStatus('/api/network?limit=5')) === 200;
if (!graphAvailable) console.log('# the graph endpoints (/api/network, /api/path, /api/timeline) are not served: ' +
  'their steps are skipped');

if (graphAvailable) {
  await step('the network expands a node and colours communities', async () => {
    await open('/network?entity=' + entityId);
    await page.waitForSelector('#graph canvas');
    const before = Number(await page.locator('.page-network').getAttribute('data-nodes'));
    check(before > 0, 'nodes around the entity');
    // Click the node of another entity on the canvas, then expand it.
    const target = await page.evaluate((id) => {
      const cy = window.leakgraphGraph;
      const node = cy.nodes().filter((n) => n.data('entity') !== id).sort((a, b) => b.data('degree') - a.data('degree'))[0]
        || cy.nodes()[0];
      const p = node.renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y, id: node.data('entity') };
    }, entityId);
    otherId = target.id;
    await page.mouse.click(target.x, target.y);
    await page.waitForSelector('.node-info button.expand');
    await page.locator('.node-info button.expand').click();
    await page.waitForFunction((id) => document.querySelector('.page-network').dataset.expanded === String(id), otherId);
    const after = Number(await page.locator('.page-network').getAttribute('data-nodes'));
    check(after >= before, 'the expanded graph keeps its nodes');
    const colours = await page.evaluate(() => new Set(window.leakgraphGraph.nodes().map((n) => n.data('colour'))).size);
    check(colours >= 1, 'community colours');
    await shot('5-network');
  });

  await step('a path between two entities is highlighted with its evidence', async () => {
    // An entity two hops away, if there is one (else a neighbour).
    const from = entityId;
    const to = await page.evaluate(async ([id, neighbour]) => {
      const ids = async (depth) => (await (await fetch(`/api/network?entity=${id}&depth=${depth}`)).json()).nodes.map((n) => n.id);
      const near = new Set(await ids(1));
      const far = (await ids(2)).filter((x) => !near.has(x));
      return far.length ? far[0] : neighbour;
    }, [entityId, otherId]);
    check(to && to !== from, 'another entity to reach');
    await open('/network?entity=' + from);
    await page.waitForSelector('#graph canvas');
    await page.fill('.path-form input[name=from]', String(from));
    await page.fill('.path-form input[name=to]', String(to));
    await page.locator('.path-form button[type=submit]').click();
    await page.waitForSelector('.path-result .hop, .path-result .none, .path-result .error');
    check(await page.locator('.path-result .hop').count() > 0, 'hops of a path');
    check(await page.locator('.path-result .evidence').count() > 0, 'evidence of the hops');
    const hops = await page.locator('.path-result .hop').count();
    const highlighted = await page.evaluate(() => ({
      nodes: window.leakgraphGraph.$('node.on-path').length, edges: window.leakgraphGraph.$('edge.on-path').length }));
    check(highlighted.nodes === hops + 1 && highlighted.edges >= hops,
      'the path highlighted in the graph: ' + JSON.stringify(highlighted) + ' for ' + hops + ' hops');
    await shot('6-path');
    await open(`/path?from=${from}&to=${to}`);
    await page.waitForSelector('.path .hop');
  });

  await step('the timeline lists dated events with their sentences', async () => {
    await open('/timeline');
    await page.waitForSelector('.event');
    check(await page.locator('.event .event-date').count() > 0, 'dates');
    check(await page.locator('.event .evidence q').count() > 0, 'sentences');
    await shot('7-timeline');
    await open('/payments');
    await page.waitForSelector('table.payments, .page-payments .none');
    await shot('8-payments');
  });
}

await step('the XSS fixture renders inert: text shown literally, nothing injected, no dialog', async () => {
  await open('/search?q=zanzibarquux');
  await page.waitForSelector('.hit');
  check(await page.locator('.hit').count() === 2, 'both hostile documents found');
  const snippets = (await page.locator('.snippet').allTextContents()).join(' ');
  check(snippets.includes('<script>'), 'the snippet shows <script> as text');
  for (let i = 0; i < 2; i++) {
    await open('/search?q=zanzibarquux');
    await page.locator('.hit-title').nth(i).click();
    await page.waitForSelector('.doc-text');
    await page.waitForTimeout(300);
    const text = await page.locator('.doc-text').textContent();
    // The override is shown as a mark, not obeyed: "gpj.exe" must not read "exe.jpg".
    check(await page.locator('.doc-text .bidi-control').count() === 1, 'the right-to-left override shown as a mark');
    check(!text.includes(RLO), 'no right-to-left override left in the page text');
    check(/\[RLO\](fdp|gpj)\.exe/.test(text), 'the file name in its logical order after the mark');
    if (text.includes('notes')) {
      check(text.includes('<script>alert("script")</script>'), 'script tags shown literally');
      check(text.includes('onerror=alert("img")'), 'event handlers shown literally');
      check(text.includes('javascript:alert'), 'javascript: links shown literally');
    }
    const injected = await page.evaluate(() => ({
      scripts: document.querySelectorAll('main script, main iframe, main svg, main img').length,
      handlers: [...document.querySelectorAll('main *')].filter((n) => [...n.attributes].some((a) => /^on/i.test(a.name))).length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
    }));
    const rloAnywhere = await page.evaluate((rlo) => document.querySelector('main').textContent.includes(rlo), RLO);
    check(!rloAnywhere, 'no right-to-left override anywhere on the page');
    check(injected.scripts === 0 && injected.handlers === 0 && injected.jsLinks === 0,
      'no injected element: ' + JSON.stringify(injected));
    await shot('9-xss-' + i);
  }
  // The title of the HTML file is a heading's text.
  check(dialogs.length === 0, 'no dialog, got ' + JSON.stringify(dialogs));
});

await step('a rename on the entity page is written to the decisions journal', async () => {
  await open('/entity/' + entityId);
  await page.waitForSelector('.decisions-form form.rename');
  await page.fill('.decisions-form form.rename input[name=name]', 'Renamed In The Browser');
  await page.locator('.decisions-form form.rename button').click();
  await page.waitForFunction(() => /after=/.test(location.hash) && !document.body.dataset.loading);
  await page.waitForSelector('.entity-name');
  check((await page.locator('.entity-name').textContent()) === 'Renamed In The Browser', 'the new name');
  const journal = JSON.parse(run(['decisions', caseDir]));
  check(journal.decisions.some((d) => d.action === 'rename' && d.payload.name === 'Renamed In The Browser'),
    'the rename in the journal');
  await shot('10-renamed');
});

await step('no request left the machine, no script error', async () => {
  check(foreignRequests.length === 0, 'only this server was asked, not ' + JSON.stringify(foreignRequests));
  // Without the graph endpoints the entity page's ties and timeline requests answer 404.
  const real = graphAvailable ? consoleErrors
    : consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));
  check(real.length === 0, 'no console error (a CSP violation would be one): ' + JSON.stringify(real));
  check(dialogs.length === 0, 'no dialog');
});

await context.close();
server.kill('SIGTERM');
rmSync(work, { recursive: true, force: true });
rmSync(profile, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
if (failed) console.log('failed: ' + failures.join('; '));
process.exit(failed ? 1 : 0);
