// The gazegraph explorer: draws the graph embedded in this page on a canvas, with search,
// filters, an ego view and every edge's evidence. Positions come computed; this only draws.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('graph').textContent);
  const parsedAt = performance.now();
  const nodes = data.nodes;
  const edges = data.edges;
  const $ = (id) => document.getElementById(id);
  const canvas = $('canvas');
  const ctx = canvas.getContext('2d');

  // ---- derived data ------------------------------------------------------------------------

  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const maxMentions = Math.max(1, ...nodes.map((n) => n.mentions));
  const maxCount = Math.max(1, ...edges.map((e) => e.count));
  nodes.forEach((n, i) => {
    n.index = i;
    n.edges = [];
    n.radius = 3 + 14 * Math.sqrt(n.mentions / maxMentions);
    n.keys = [n.name, n.id.replace(/_/g, ' ')].concat(n.aliases).map(fold);
  });
  edges.forEach((e, i) => {
    e.index = i;
    e.from = nodes[e.source];
    e.to = nodes[e.target];
    e.from.edges.push(e);
    e.to.edges.push(e);
    e.width = 0.6 + 3 * Math.sqrt(e.count / maxCount);
  });
  // Large nodes are drawn last and labelled first.
  const bySize = nodes.slice().sort((a, b) => a.radius - b.radius || b.index - a.index);
  const kindColour = (kind) => data.palette.kinds[kind] || '#bbb';
  const edgeColour = (kind) => data.palette.edges[kind] || '#000';
  const kinds = Object.keys(data.palette.kinds).filter((k) => nodes.some((n) => n.kind === k));
  const edgeKinds = Object.keys(data.palette.edges).filter((k) => edges.some((e) => e.kind === k));
  // The time range hook: shown only when some node or edge carries `dates`.
  const dates = Array.from(new Set(nodes.concat(edges).flatMap((x) => x.dates || []))).sort();

  // ---- state -------------------------------------------------------------------------------

  const defaults = () => ({
    kinds: new Set(kinds),
    edgeKinds: new Set(edgeKinds),
    minCount: 1,
    measure: 'weight',
    minScore: null,
    community: '',
    hideIsolated: false,
    ego: null,
    egoDepth: 1,
    from: 0,
    to: Math.max(0, dates.length - 1),
  });
  let state = defaults();
  let selected = null; // {node} or {edge}
  let hover = null;
  const view = { x: 0, y: 0, k: 1 };
  let width = 0;
  let height = 0;
  const frameTimes = [];

  // ---- filters -----------------------------------------------------------------------------

  function inTime(x) {
    if (!dates.length || !x.dates) return true;
    return x.dates[1] >= dates[state.from] && x.dates[0] <= dates[state.to];
  }

  function edgePasses(e) {
    return state.edgeKinds.has(e.kind) && e.count >= state.minCount &&
      (state.minScore === null || e[state.measure] >= state.minScore) && inTime(e);
  }

  function nodePasses(n) {
    return state.kinds.has(n.kind) && inTime(n) &&
      (state.community === '' || String(n.community) === state.community);
  }

  /// The entities within `depth` steps of `centre` through edges that pass the filters.
  function egoSet(centre, depth) {
    const seen = new Set([centre]);
    let frontier = [centre];
    for (let d = 0; d < depth; d++) {
      const next = [];
      for (const n of frontier) {
        for (const e of n.edges) {
          if (!edgePasses(e)) continue;
          const m = e.from === n ? e.to : e.from;
          if (!seen.has(m)) { seen.add(m); next.push(m); }
        }
      }
      frontier = next;
    }
    return seen;
  }

  function applyFilters() {
    const ego = state.ego === null ? null : egoSet(nodes[state.ego], state.egoDepth);
    for (const n of nodes) n.visible = nodePasses(n) && (!ego || ego.has(n));
    if (ego) nodes[state.ego].visible = true;
    for (const e of edges) e.visible = e.from.visible && e.to.visible && edgePasses(e);
    if (state.hideIsolated) {
      for (const n of nodes) {
        if (n.index !== state.ego) n.visible = n.visible && n.edges.some((e) => e.visible);
      }
    }
    const shownNodes = nodes.filter((n) => n.visible).length;
    const shownEdges = edges.filter((e) => e.visible).length;
    const out = $('visible');
    out.textContent = `${shownNodes} of ${nodes.length} entities, ${shownEdges} of ${edges.length} edges shown`;
    out.dataset.nodes = shownNodes;
    out.dataset.edges = shownEdges;
    redraw();
  }

  // ---- drawing -----------------------------------------------------------------------------

  const toScreen = (n) => [(n.x - view.x) * view.k + width / 2, (n.y - view.y) * view.k + height / 2];
  const screenRadius = (n) => Math.max(2, n.radius * Math.sqrt(view.k));

  let pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; draw(); });
  }

  function focusSet() {
    // What the filters hide fades nothing else.
    if (!selected || !(selected.edge || selected.node).visible) return null;
    if (selected.edge) return new Set([selected.edge.from, selected.edge.to]);
    const set = new Set([selected.node]);
    for (const e of selected.node.edges) if (e.visible) set.add(e.from === selected.node ? e.to : e.from);
    return set;
  }

  function draw() {
    const start = performance.now();
    ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const focus = focusSet();
    const touches = (e) => selected && (selected.edge ? e === selected.edge :
      e.from === selected.node || e.to === selected.node);
    // Edges in batches of one colour and width class: a few strokes for thousands of lines.
    const batches = new Map();
    for (const e of edges) {
      if (!e.visible) continue;
      const strong = !focus || touches(e);
      const key = `${e.kind}|${Math.round(e.width * 2) / 2}|${strong}`;
      if (!batches.has(key)) batches.set(key, []);
      batches.get(key).push(e);
    }
    // Faded before strong, co-occurrence before relations: what matters is drawn on top.
    const layer = (key) => (key.endsWith('|true') ? 2 : 0) + (key.startsWith('cooccurrence|') ? 0 : 1);
    const keys = Array.from(batches.keys()).sort((a, b) => layer(a) - layer(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const key of keys) {
      const [kind, w, strong] = key.split('|');
      const cooc = kind === 'cooccurrence';
      ctx.strokeStyle = edgeColour(kind);
      ctx.globalAlpha = strong === 'true' ? (cooc ? (focus ? 0.8 : 0.35) : 0.9) : 0.08;
      ctx.lineWidth = Number(w);
      ctx.beginPath();
      for (const e of batches.get(key)) {
        const [x1, y1] = toScreen(e.from);
        const [x2, y2] = toScreen(e.to);
        // Both ends beyond the same side of the view: nothing of it shows.
        if ((x1 < 0 && x2 < 0) || (y1 < 0 && y2 < 0) || (x1 > width && x2 > width) || (y1 > height && y2 > height)) continue;
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
      }
      ctx.stroke();
      if (!cooc) drawArrows(batches.get(key));
    }
    if (selected && selected.edge) {
      const [x1, y1] = toScreen(selected.edge.from);
      const [x2, y2] = toScreen(selected.edge.to);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = '#000';
      ctx.lineWidth = selected.edge.width + 2;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    }
    // Nodes, batched by colour, faded when something else is in focus.
    for (const pass of [false, true]) {
      const byColour = new Map();
      for (const n of bySize) {
        if (!n.visible || (focus ? focus.has(n) : false) !== pass) continue;
        const [x, y] = toScreen(n);
        const r = screenRadius(n);
        if (x < -r || y < -r || x > width + r || y > height + r) continue;
        const colour = kindColour(n.kind);
        if (!byColour.has(colour)) byColour.set(colour, new Path2D());
        const path = byColour.get(colour);
        path.moveTo(x + r, y);
        path.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.globalAlpha = focus && !pass ? 0.25 : 1;
      ctx.lineWidth = 0.7;
      ctx.strokeStyle = '#444';
      for (const [colour, path] of byColour) {
        ctx.fillStyle = colour;
        ctx.fill(path);
        ctx.stroke(path);
      }
    }
    ctx.globalAlpha = 1;
    const ring = (n, colour, extra) => {
      if (!n) return;
      const [x, y] = toScreen(n);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.arc(x, y, screenRadius(n) + extra, 0, 2 * Math.PI);
      ctx.stroke();
    };
    if (selected && selected.node) ring(selected.node, '#000', 2);
    if (hover && hover.node) ring(hover.node, '#d00', 1);
    drawLabels(focus);
    if (window.explorer && !window.explorer.firstFrameMs) window.explorer.firstFrameMs = performance.now();
    frameTimes.push(performance.now() - start);
    if (frameTimes.length > 600) frameTimes.shift();
  }

  function drawArrows(list) {
    ctx.beginPath();
    for (const e of list) {
      if (!e.directed) continue;
      const [x1, y1] = toScreen(e.from);
      const [x2, y2] = toScreen(e.to);
      const len = Math.hypot(x2 - x1, y2 - y1);
      const r = screenRadius(e.to);
      if (len < r + 8) continue;
      const ux = (x2 - x1) / len;
      const uy = (y2 - y1) / len;
      const tx = x2 - ux * r;
      const ty = y2 - uy * r;
      const s = 6 + e.width;
      ctx.moveTo(tx, ty);
      ctx.lineTo(tx - ux * s - uy * s / 2, ty - uy * s + ux * s / 2);
      ctx.lineTo(tx - ux * s + uy * s / 2, ty - uy * s - ux * s / 2);
      ctx.closePath();
    }
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fill();
  }

  /// Labels of the largest nodes first, skipping any that would overlap one already drawn;
  /// those in focus always.
  function drawLabels(focus) {
    ctx.font = '12px Helvetica, Arial, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    const taken = [];
    const free = (b) => taken.every((t) => b.x > t.x + t.w || b.x + b.w < t.x || b.y > t.y + t.h || b.y + b.h < t.y);
    const order = [];
    if (focus) order.push(...focus);
    if (hover && hover.node) order.unshift(hover.node);
    for (let i = bySize.length - 1; i >= 0; i--) order.push(bySize[i]);
    let drawn = 0;
    const seen = new Set();
    for (const n of order) {
      if (seen.has(n) || !n.visible) continue;
      seen.add(n);
      const forced = n === (hover && hover.node) || (selected && (n === selected.node ||
        (selected.edge && (n === selected.edge.from || n === selected.edge.to))));
      if (!forced && (drawn > 150 || n.radius * view.k < 3)) continue;
      const [x, y] = toScreen(n);
      if (x < 0 || y < 0 || x > width || y > height) continue;
      if (n.labelWidth === undefined) n.labelWidth = ctx.measureText(n.name).width;
      const box = { x: x + screenRadius(n) + 2, y: y - 7, w: n.labelWidth, h: 14 };
      if (!forced && !free(box)) continue;
      taken.push(box);
      drawn++;
      ctx.globalAlpha = focus && !focus.has(n) ? 0.35 : 1;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.lineWidth = 3;
      ctx.strokeText(n.name, box.x, y);
      ctx.fillStyle = '#111';
      ctx.fillText(n.name, box.x, y);
    }
    ctx.globalAlpha = 1;
  }

  // ---- hit testing -------------------------------------------------------------------------

  function nodeAt(sx, sy) {
    for (let i = bySize.length - 1; i >= 0; i--) {
      const n = bySize[i];
      if (!n.visible) continue;
      const [x, y] = toScreen(n);
      if (Math.hypot(sx - x, sy - y) <= screenRadius(n) + 2) return n;
    }
    return null;
  }

  /// The visible edge nearest to a point, within 5 pixels; relations before co-occurrence.
  function edgeAt(sx, sy) {
    let best = null;
    let bestD = 5;
    for (const e of edges) {
      if (!e.visible) continue;
      const [x1, y1] = toScreen(e.from);
      const [x2, y2] = toScreen(e.to);
      const dx = x2 - x1;
      const dy = y2 - y1;
      const l2 = dx * dx + dy * dy;
      const t = l2 ? Math.max(0, Math.min(1, ((sx - x1) * dx + (sy - y1) * dy) / l2)) : 0;
      const d = Math.hypot(sx - x1 - t * dx, sy - y1 - t * dy) - (e.kind === 'cooccurrence' ? 0 : 1);
      if (d < bestD) { bestD = d; best = e; }
    }
    return best;
  }

  const hit = (sx, sy) => {
    const node = nodeAt(sx, sy);
    if (node) return { node };
    const edge = edgeAt(sx, sy);
    return edge ? { edge } : null;
  };

  // ---- view --------------------------------------------------------------------------------

  function resize() {
    const box = canvas.parentElement.getBoundingClientRect();
    width = box.width;
    height = box.height;
    canvas.width = Math.round(width * devicePixelRatio);
    canvas.height = Math.round(height * devicePixelRatio);
    redraw();
  }

  function fit(list) {
    const shown = list.filter((n) => n.visible);
    const set = shown.length ? shown : nodes;
    if (!set.length) return;
    const xs = set.map((n) => n.x);
    const ys = set.map((n) => n.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    view.x = (x0 + x1) / 2;
    view.y = (y0 + y1) / 2;
    view.k = Math.min(8, 0.85 * Math.min(width / Math.max(x1 - x0, 50), height / Math.max(y1 - y0, 50)));
    redraw();
  }

  function centreOn(n) {
    view.x = n.x;
    view.y = n.y;
    view.k = Math.max(view.k, 1.5);
    redraw();
  }

  // ---- details panel -----------------------------------------------------------------------

  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const c of children) node.append(c);
    return node;
  };
  const num = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(3));
  const swatch = (colour, line) => {
    const s = el('span', { className: line ? 'swatch line' : 'swatch' });
    s.style.background = colour;
    return s;
  };
  const chip = (kind) => {
    const c = el('span', { className: 'chip', textContent: kind });
    c.style.background = edgeColour(kind);
    return c;
  };
  const link = (text, action) => el('button', { className: 'link', type: 'button', textContent: text, onclick: action });
  const rows = (pairs) => el('table', null, ...pairs.filter((p) => p[1] !== '' && p[1] !== undefined)
    .map(([k, v, numeric]) => el('tr', null, el('th', { textContent: k }),
      el('td', { className: numeric ? 'num' : '' }, v))));

  function select(target, centre) {
    selected = target;
    if (target && target.node && centre) centreOn(target.node);
    const panel = $('details');
    panel.replaceChildren();
    if (target && target.node) showNode(panel, target.node);
    if (target && target.edge) showEdge(panel, target.edge);
    if (!target) panel.append(el('p', { className: 'quiet', textContent: 'Click an entity or an edge to see its counts and evidence.' }));
    redraw();
  }

  function showNode(panel, n) {
    panel.append(el('h2', null, swatch(kindColour(n.kind)), n.name));
    if (!n.visible) panel.append(el('p', { className: 'quiet', textContent: 'Hidden by the filters.' }));
    panel.append(rows([
      ['id', n.id], ['kind', n.kind], ['category', n.category], ['country', n.country],
      ['also written', n.aliases.join(', ')],
      ['mentions', num(n.mentions), true], ['documents', num(n.documents), true],
      ['degree', num(n.degree), true], ['weighted degree', num(n.weighted_degree), true],
      ['PageRank', n.pagerank.toFixed(4), true], ['betweenness', n.betweenness.toFixed(4), true],
      ['community', link(String(n.community), () => setCommunity(String(n.community)))],
    ]));
    panel.append(el('p', null,
      el('button', { type: 'button', id: 'ego-button', textContent: 'Ego view', onclick: () => setEgo(n) }), ' ',
      el('button', { type: 'button', textContent: 'Centre', onclick: () => centreOn(n) })));
    // Partners by the strongest of their edges with n.
    const partners = new Map();
    for (const e of n.edges) {
      const m = e.from === n ? e.to : e.from;
      if (!partners.has(m)) partners.set(m, []);
      partners.get(m).push(e);
    }
    const strength = (list) => Math.max(...list.map((e) => e.weight));
    const ranked = Array.from(partners).sort((a, b) => strength(b[1]) - strength(a[1]) || a[0].name.localeCompare(b[0].name));
    panel.append(el('h3', { textContent: `Strongest partners (${ranked.length})` }));
    const table = el('table', { id: 'partners' });
    for (const [m, list] of ranked.slice(0, 20)) {
      const cell = el('td');
      for (const e of list.sort((a, b) => a.kind.localeCompare(b.kind))) {
        const c = chip(`${e.kind} ${e.count}`);
        c.style.cursor = 'pointer';
        c.onclick = () => select({ edge: e });
        cell.append(c);
      }
      table.append(el('tr', null, el('td', null, swatch(kindColour(m.kind)), link(m.name, () => select({ node: m }, true))), cell));
    }
    panel.append(table);
  }

  function showEdge(panel, e) {
    const arrow = e.directed ? ' → ' : ' — ';
    panel.append(el('h2', null, link(e.from.name, () => select({ node: e.from }, true)), arrow,
      link(e.to.name, () => select({ node: e.to }, true))));
    panel.append(el('p', null, chip(e.kind), e.directed ? ' directed' : ''));
    const cooc = e.kind === 'cooccurrence';
    panel.append(rows([
      [cooc ? 'windows' : 'statements', num(e.count), true], ['documents', num(e.documents), true],
      ['negated', cooc ? '' : num(e.negated), true],
      ['pmi', cooc ? num(e.pmi) : '', true], ['npmi', cooc ? num(e.npmi) : '', true],
      ['llr', cooc ? num(e.llr) : '', true], ['jaccard', cooc ? num(e.jaccard) : '', true],
      [`weight (${data.meta.options.weight})`, num(e.weight), true],
    ]));
    const twins = e.from.edges.filter((o) => o !== e && ((o.from === e.from && o.to === e.to) || (o.from === e.to && o.to === e.from)));
    if (twins.length) {
      const p = el('p', null, 'Also between them: ');
      for (const o of twins) {
        const c = chip(`${o.kind} ${o.count}`);
        c.style.cursor = 'pointer';
        c.onclick = () => select({ edge: o });
        p.append(c);
      }
      panel.append(p);
    }
    panel.append(el('h3', { textContent: `Evidence: ${e.evidence.length} of ${e.count} kept (at most ${data.meta.options.evidence_cap} per edge)` }));
    const list = el('ul', { className: 'evidence' });
    for (const ev of e.evidence) {
      const where = [ev.document, `sentence ${ev.sentence}`];
      if (ev.rule) where.push(`rule ${ev.rule}`);
      const item = el('li', null, el('div', { className: 'where', textContent: where.join(' · ') }));
      if (ev.negated) item.append(el('div', { className: 'negated', textContent: 'negated' }));
      item.append(el('p', { className: 'sentence' }, ...highlight(ev)));
      list.append(item);
    }
    panel.append(list);
  }

  /// The evidence text as nodes, the two mentions and the cue in <mark>s.
  function highlight(ev) {
    const ranges = ['source', 'target', 'cue'].filter((k) => ev[k]).map((k) => [ev[k][0], ev[k][1], k])
      .sort((a, b) => a[0] - b[0]);
    const out = [];
    let at = 0;
    for (const [a, b, k] of ranges) {
      if (a < at) continue; // overlapping: keep the first
      out.push(ev.text.slice(at, a), el('mark', { className: k, textContent: ev.text.slice(a, b) }));
      at = b;
    }
    out.push(ev.text.slice(at));
    return out;
  }

  // ---- controls ----------------------------------------------------------------------------

  function setEgo(n) {
    state.ego = n ? n.index : null;
    $('ego-bar').hidden = !n;
    if (n) $('ego-name').textContent = n.name;
    applyFilters();
    if (n) fit(Array.from(egoSet(n, state.egoDepth)));
  }

  function setCommunity(c) {
    state.community = c;
    $('community').value = c;
    applyFilters();
  }

  function checkboxes(box, values, colour, line, set) {
    for (const v of values) {
      const count = (line ? edges.filter((e) => e.kind === v) : nodes.filter((n) => n.kind === v)).length;
      const input = el('input', { type: 'checkbox', checked: true, value: v });
      input.dataset.kind = v;
      input.onchange = () => { if (input.checked) set().add(v); else set().delete(v); applyFilters(); };
      box.append(el('label', null, input, ' ', swatch(colour(v), line), v, ' ', el('span', { className: 'count', textContent: `(${count})` })));
    }
  }

  function buildControls() {
    $('title').textContent = data.title;
    const c = data.meta.corpus;
    $('summary').textContent = `${c.documents} documents, ${c.mentions} mentions; window ${data.meta.options.window}` +
      (data.meta.options.filters.length ? `; filtered: ${data.meta.options.filters.join(', ')}` : '');
    checkboxes($('kinds'), kinds, kindColour, false, () => state.kinds);
    checkboxes($('relations'), edgeKinds, edgeColour, true, () => state.edgeKinds);
    const communities = new Map();
    for (const n of nodes) {
      if (!communities.has(n.community)) communities.set(n.community, []);
      communities.get(n.community).push(n);
    }
    for (const [k, members] of Array.from(communities).sort((a, b) => a[0] - b[0])) {
      const top = members.slice().sort((a, b) => b.pagerank - a.pagerank).slice(0, 3).map((n) => n.name);
      $('community').append(el('option', { value: String(k), textContent: `${k}: ${top.join(', ')} (${members.length})` }));
    }
    $('community').onchange = () => setCommunity($('community').value);
    $('min-count').oninput = () => { state.minCount = Number($('min-count').value) || 1; applyFilters(); };
    const score = () => {
      const v = $('min-score').value;
      state.measure = $('score-measure').value;
      state.minScore = v === '' ? null : Number(v);
      applyFilters();
    };
    $('score-measure').onchange = score;
    $('min-score').oninput = score;
    $('hide-isolated').onchange = () => { state.hideIsolated = $('hide-isolated').checked; applyFilters(); };
    $('ego-depth').onchange = () => { state.egoDepth = Number($('ego-depth').value); setEgo(nodes[state.ego]); };
    $('ego-exit').onclick = () => setEgo(null);
    $('fit').onclick = () => fit(nodes);
    $('reset').onclick = () => {
      state = defaults();
      for (const box of document.querySelectorAll('#kinds input, #relations input')) box.checked = true;
      $('min-count').value = 1;
      $('min-score').value = '';
      $('score-measure').value = 'weight';
      $('community').value = '';
      $('hide-isolated').checked = false;
      $('ego-bar').hidden = true;
      setTime();
      applyFilters();
    };
    if (dates.length) {
      $('time').hidden = false;
      for (const id of ['time-from', 'time-to']) {
        $(id).max = dates.length - 1;
        $(id).oninput = () => {
          state.from = Number($('time-from').value);
          state.to = Number($('time-to').value);
          if (state.from > state.to) [state.from, state.to] = [state.to, state.from];
          setTime();
          applyFilters();
        };
      }
      setTime();
    }
    buildSearch();
  }

  function setTime() {
    if (!dates.length) return;
    $('time-from').value = state.from;
    $('time-to').value = state.to;
    $('time-label').textContent = `${dates[state.from]} to ${dates[state.to]}`;
  }

  function buildSearch() {
    const input = $('search');
    const list = $('matches');
    let found = [];
    let active = 0;
    const rank = (n, q) => {
      let best = 9;
      n.keys.forEach((k, i) => {
        const r = k === q ? 0 : k.startsWith(q) ? 1 : k.split(/\W+/).some((w) => w.startsWith(q)) ? 2 : k.includes(q) ? 3 : 9;
        best = Math.min(best, r * 2 + (i > 1 ? 1 : 0));
      });
      return best;
    };
    const show = () => {
      list.replaceChildren();
      found.forEach((n, i) => {
        const alias = n.aliases.length ? el('span', { className: 'alias', textContent: ` ${n.aliases.slice(0, 4).join(', ')}` }) : '';
        const li = el('li', { className: i === active ? 'active' : '', role: 'option' }, swatch(kindColour(n.kind)), n.name, alias);
        li.onmousedown = (ev) => { ev.preventDefault(); choose(n); };
        list.append(li);
      });
      list.hidden = !found.length;
    };
    const choose = (n) => {
      input.value = n.name;
      found = [];
      show();
      select({ node: n }, true);
    };
    input.oninput = () => {
      const q = fold(input.value.trim());
      found = q ? nodes.map((n) => [rank(n, q), n]).filter((p) => p[0] < 9)
        .sort((a, b) => a[0] - b[0] || b[1].mentions - a[1].mentions).slice(0, 12).map((p) => p[1]) : [];
      active = 0;
      show();
    };
    input.onkeydown = (ev) => {
      if (ev.key === 'ArrowDown') active = Math.min(active + 1, found.length - 1);
      else if (ev.key === 'ArrowUp') active = Math.max(active - 1, 0);
      else if (ev.key === 'Enter' && found[active]) choose(found[active]);
      else if (ev.key === 'Escape') found = [];
      else return;
      ev.preventDefault();
      show();
    };
    input.onblur = () => { found = []; show(); };
  }

  // ---- pointer -----------------------------------------------------------------------------

  function pointer() {
    let drag = null;
    const at = (ev) => {
      const box = canvas.getBoundingClientRect();
      return [ev.clientX - box.left, ev.clientY - box.top];
    };
    canvas.addEventListener('pointerdown', (ev) => {
      const [x, y] = at(ev);
      drag = { x, y, vx: view.x, vy: view.y, moved: false };
      canvas.setPointerCapture(ev.pointerId);
    });
    canvas.addEventListener('pointermove', (ev) => {
      const [x, y] = at(ev);
      if (drag) {
        if (Math.hypot(x - drag.x, y - drag.y) > 3) drag.moved = true;
        if (drag.moved) {
          canvas.classList.add('dragging');
          view.x = drag.vx - (x - drag.x) / view.k;
          view.y = drag.vy - (y - drag.y) / view.k;
          redraw();
        }
        return;
      }
      const h = hit(x, y);
      const tip = $('tip');
      if ((h && h.node) !== (hover && hover.node) || (h && h.edge) !== (hover && hover.edge)) {
        hover = h;
        redraw();
      }
      tip.hidden = !h;
      if (h) {
        tip.textContent = h.node ? `${h.node.name} (${h.node.kind})` :
          `${h.edge.from.name} ${h.edge.directed ? '→' : '—'} ${h.edge.to.name}: ${h.edge.kind} ${h.edge.count}`;
        tip.style.left = `${x + 12}px`;
        tip.style.top = `${y + 12}px`;
      }
    });
    canvas.addEventListener('pointerup', (ev) => {
      const [x, y] = at(ev);
      canvas.classList.remove('dragging');
      if (drag && !drag.moved) select(hit(x, y));
      drag = null;
    });
    canvas.addEventListener('pointerleave', () => { $('tip').hidden = true; hover = null; redraw(); });
    canvas.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const [x, y] = at(ev);
      const k = Math.min(50, Math.max(0.05, view.k * Math.exp(-ev.deltaY * 0.0015)));
      // Keep the point under the cursor where it is.
      view.x += (x - width / 2) / view.k - (x - width / 2) / k;
      view.y += (y - height / 2) / view.k - (y - height / 2) / k;
      view.k = k;
      redraw();
    }, { passive: false });
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && document.activeElement !== $('search')) select(null);
    });
  }

  // ---- start -------------------------------------------------------------------------------

  buildControls();
  pointer();
  new ResizeObserver(() => { resize(); }).observe(canvas.parentElement);
  resize();
  applyFilters();
  fit(nodes);

  // For tests and benchmarks: where things are drawn, and how fast.
  window.explorer = {
    parseMs: parsedAt,
    readyMs: performance.now(),
    nodes, edges, view,
    screenOf: (id) => toScreen(nodes.find((n) => n.id === id)),
    select: (x) => select(x.from ? { edge: x } : { node: x }),
    /// What a click at canvas point (x, y) selects.
    hitAt: (x, y) => {
      const h = hit(x, y);
      if (!h) return null;
      return h.node ? { node: h.node.id } : { source: h.edge.from.id, target: h.edge.to.id, kind: h.edge.kind };
    },
    /// Draws `frames` frames while panning and zooming; resolves to the draw times in ms.
    measure: (frames) => new Promise((resolve) => {
      frameTimes.length = 0;
      const saved = Object.assign({}, view);
      let i = 0;
      const step = () => {
        view.x += 3 / view.k;
        view.k *= i % 2 ? 1.01 : 1 / 1.01;
        draw();
        if (++i < frames) {
          requestAnimationFrame(step);
        } else {
          Object.assign(view, saved);
          draw();
          resolve(frameTimes.slice(0, frames));
        }
      };
      requestAnimationFrame(step);
    }),
  };
})();
