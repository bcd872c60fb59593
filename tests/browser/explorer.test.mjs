// The explorer (graph.html) in a real browser: Debian's Chromium driven by playwright-core.
//
// Run by `cargo test --test explorer`, which builds the graphs and passes their directories:
//   EXPLORER_SEEDS     a `build -o` directory of seeds/ (graph.html beside graph.json)
//   EXPLORER_ISOT      the same for the ISOT sample (load time)
//   EXPLORER_SYNTHETIC optional: a graph.html of 2,000 entities and 10,000 edges (benchmark)
//   EXPLORER_SHOTS     where screenshots go
//   CHROMIUM           the browser (default /usr/bin/chromium)
// The expected numbers are read from graph.json, never written here.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const need = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: run this through \`cargo test --test explorer\``);
  return value;
};
const seeds = need('EXPLORER_SEEDS');
const isot = need('EXPLORER_ISOT');
const shots = need('EXPLORER_SHOTS');
mkdirSync(shots, { recursive: true });

let context;
let profile;

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'explorer-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
});

/// Opens a page; fails the test on any script error or any request that is not a local file.
async function open(file) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`); });
  const started = Date.now();
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => window.explorer && window.explorer.firstFrameMs);
  const times = await page.evaluate(() => ({ ready: explorer.readyMs, firstFrame: explorer.firstFrameMs, parse: explorer.parseMs }));
  return { page, problems, times, wall: Date.now() - started };
}

// graph.json lists an undirected edge twice, the record and its mirror arc (`mirror`: true,
// for networkx); the explorer draws each edge once, so the mirrors are left out here.
const graph = (dir) => {
  const g = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8'));
  return { ...g, edges: g.edges.filter((e) => !e.mirror) };
};
const visible = async (page) => Number(await page.locator('#visible').getAttribute('data-nodes'));
const visibleEdges = async (page) => Number(await page.locator('#visible').getAttribute('data-edges'));

/// Clicks the canvas on the drawn edge between two entities (of `kind`), zooming in on its
/// middle until some point of it is clear of other edges and nodes, as a person would.
async function clickEdge(page, source, target, kind) {
  const box = await page.locator('#canvas').boundingBox();
  for (let zoom = 0; zoom < 12; zoom++) {
    const point = await clearPoint(page, source, target, kind);
    if (point) {
      await page.mouse.click(box.x + point[0], box.y + point[1]);
      return;
    }
    const middle = await page.evaluate(([s, t]) => {
      const [x1, y1] = explorer.screenOf(s);
      const [x2, y2] = explorer.screenOf(t);
      return [(x1 + x2) / 2, (y1 + y2) / 2];
    }, [source, target]);
    await page.mouse.move(box.x + middle[0], box.y + middle[1]);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(50);
  }
  assert.fail(`no clickable point on ${source} -- ${target}`);
}

async function clearPoint(page, source, target, kind) {
  return page.evaluate(([s, t, k]) => {
    const [x1, y1] = explorer.screenOf(s);
    const [x2, y2] = explorer.screenOf(t);
    for (let i = 1; i < 100; i++) {
      const x = x1 + (x2 - x1) * i / 100;
      const y = y1 + (y2 - y1) * i / 100;
      const e = explorer.hitAt(x, y);
      const canvas = document.getElementById('canvas');
      const box = canvas.getBoundingClientRect();
      const onTop = document.elementFromPoint(x + box.left, y + box.top) === canvas;
      if (e && e.source === s && e.target === t && e.kind === k && onTop) return [x, y];
    }
    return null;
  }, [source, target, kind]);
}

test('seeds: search, edge evidence, kind filter, ego view', async () => {
  const g = graph(seeds);
  const { page, problems } = await open(join(seeds, 'graph.html'));
  assert.equal(await visible(page), g.nodes.length);
  assert.equal(await visibleEdges(page), g.edges.length);
  // One seed is dated from its text: its entities and edges carry dates, so the slider shows.
  assert.ok(g.nodes.some((n) => n.first_seen), 'the seeds graph has dated entities');
  assert.ok(await page.locator('#time').isVisible(), 'dates bring the time slider');

  // Search by a partial name.
  await page.fill('#search', 'Haftar');
  const first = page.locator('#matches li').first();
  assert.match(await first.textContent(), /Khalifa Haftar/);
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#details h2').textContent(), /Khalifa Haftar/);
  assert.ok(await page.locator('#partners').textContent().then((t) => t.includes('Wagner Group')));
  await page.screenshot({ path: join(shots, 'seeds-haftar.png') });

  // The Haftar -- Wagner Group co-occurrence, clicked on the canvas.
  const edge = g.edges.find((e) => e.source === 'khalifa_haftar' && e.target === 'wagner_group' && e.kind === 'cooccurrence');
  assert.ok(edge, 'the seeds graph links Haftar and Wagner');
  await clickEdge(page, edge.source, edge.target, edge.kind);
  const details = page.locator('#details');
  assert.match(await details.locator('h2').textContent(), /Khalifa Haftar — Wagner Group/);
  const sentences = await details.locator('.evidence .sentence').allTextContents();
  assert.deepEqual(sentences, edge.evidence.map((ev) => ev.text));
  const where = await details.locator('.evidence .where').allTextContents();
  assert.ok(where.every((w, i) => w.startsWith(edge.evidence[i].document)), where.join('\n'));
  // Each highlighted mention is as long as its span in the document.
  const bytes = (s) => Buffer.byteLength(s, 'utf8');
  const sources = await details.locator('mark.source').allTextContents();
  const targets = await details.locator('mark.target').allTextContents();
  assert.equal(sources.length, edge.evidence.length);
  edge.evidence.forEach((ev, i) => {
    assert.equal(bytes(sources[i]), ev.source_span.end - ev.source_span.start, sources[i]);
    assert.equal(bytes(targets[i]), ev.target_span.end - ev.target_span.start, targets[i]);
  });
  await page.screenshot({ path: join(shots, 'seeds-edge.png') });

  // A relation's cue is highlighted too.
  const relation = g.edges.find((e) => e.kind !== 'cooccurrence' && e.evidence.length);
  await page.evaluate(([s, t, k]) => {
    const e = explorer.edges.find((x) => x.from.id === s && x.to.id === t && x.kind === k);
    explorer.select(e);
  }, [relation.source, relation.target, relation.kind]);
  const cues = await details.locator('mark.cue').allTextContents();
  assert.equal(cues.length, relation.evidence.length);
  relation.evidence.forEach((ev, i) => assert.equal(bytes(cues[i]), ev.cue_span.end - ev.cue_span.start));

  // Persons only.
  for (const box of await page.locator('#kinds input').all()) {
    if ((await box.getAttribute('data-kind')) !== 'person') await box.uncheck();
  }
  const persons = new Set(g.nodes.filter((n) => n.kind === 'person').map((n) => n.id));
  assert.ok(persons.size > 0);
  assert.equal(await visible(page), persons.size);
  assert.equal(await visibleEdges(page), g.edges.filter((e) => persons.has(e.source) && persons.has(e.target)).length);
  await page.screenshot({ path: join(shots, 'seeds-persons.png') });
  await page.click('#reset');
  assert.equal(await visible(page), g.nodes.length);

  // Minimum count.
  await page.fill('#min-count', '3');
  const strong = g.edges.filter((e) => e.count >= 3).length;
  assert.equal(await visibleEdges(page), strong);
  await page.click('#reset');

  // Ego view of Haftar: him and his neighbours.
  await page.fill('#search', 'Khalifa Haftar');
  await page.keyboard.press('Enter');
  await page.click('#ego-button');
  const neighbours = new Set(g.edges.flatMap((e) => e.source === 'khalifa_haftar' ? [e.target] : e.target === 'khalifa_haftar' ? [e.source] : []));
  assert.equal(await visible(page), neighbours.size + 1);
  await page.screenshot({ path: join(shots, 'seeds-ego.png') });
  await page.click('#ego-exit');
  assert.equal(await visible(page), g.nodes.length);
  assert.deepEqual(problems, []);
  await page.close();
});

test('dates, when a graph carries them, bring a time range slider', async () => {
  const html = readFileSync(join(seeds, 'graph.html'), 'utf8');
  const open_ = '<script type="application/json" id="graph">';
  const start = html.indexOf(open_) + open_.length;
  const end = html.indexOf('</script>', start);
  const data = JSON.parse(html.slice(start, end));
  // Edge i is seen in year 2000 + i % 3; the entities' own dates are left out.
  data.nodes.forEach((n) => { delete n.dates; });
  data.edges.forEach((e, i) => { const y = `${2000 + (i % 3)}-01-01`; e.dates = [y, y]; });
  const dated = join(shots, 'dated.html');
  writeFileSync(dated, html.slice(0, start) + JSON.stringify(data).replace(/</g, '\\u003c') + html.slice(end));
  const { page, problems } = await open(dated);
  assert.ok(await page.locator('#time').isVisible());
  assert.equal(await visibleEdges(page), data.edges.length);
  await page.locator('#time-to').fill('0');
  assert.equal(await page.locator('#time-label').textContent(), '2000-01-01 to 2000-01-01');
  assert.equal(await visibleEdges(page), data.edges.filter((_, i) => i % 3 === 0).length);
  assert.deepEqual(problems, []);
  await page.close();
  rmSync(dated);
});

test('ISOT sample: loads and draws every entity', async () => {
  const g = graph(isot);
  const { page, problems, times, wall } = await open(join(isot, 'graph.html'));
  assert.equal(await visible(page), g.nodes.length);
  const frames = await page.evaluate(() => explorer.measure(60));
  report('isot', g, times, wall, frames);
  await page.screenshot({ path: join(shots, 'isot.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('synthetic 2,000 entities and 10,000 edges: load and frame time', { skip: !process.env.EXPLORER_SYNTHETIC }, async () => {
  const file = process.env.EXPLORER_SYNTHETIC;
  const { page, problems, times, wall } = await open(file);
  const counts = await page.evaluate(() => [explorer.nodes.length, explorer.edges.length]);
  assert.equal(await visible(page), counts[0]);
  const frames = await page.evaluate(() => explorer.measure(120));
  report('synthetic', { nodes: { length: counts[0] }, edges: { length: counts[1] } }, times, wall, frames);
  await page.screenshot({ path: join(shots, 'synthetic.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

/// Prints a benchmark line: timings are recorded in BENCHMARKS.md, never asserted.
function report(name, g, times, wall, frames) {
  const sorted = frames.slice().sort((a, b) => a - b);
  const mean = frames.reduce((a, b) => a + b, 0) / frames.length;
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  console.log(`# bench ${name}: ${g.nodes.length} entities, ${g.edges.length} edges; ` +
    `JSON parsed at ${times.parse.toFixed(0)} ms, ready at ${times.ready.toFixed(0)} ms, ` +
    `first frame at ${times.firstFrame.toFixed(0)} ms (goto ${wall} ms); ` +
    `frame ${mean.toFixed(1)} ms mean, ${p95.toFixed(1)} ms p95 over ${frames.length}`);
}
