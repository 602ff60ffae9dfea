/* newsgraph dashboard: plain JavaScript and SVG, no library, nothing fetched from elsewhere.
 *
 * Safety rule: text from articles (and every other value from the API) reaches the page only
 * as text nodes (createTextNode / textContent) or as SVG/HTML attribute values set with
 * setAttribute on attributes that cannot run code. innerHTML is never used. */
"use strict";

(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const main = document.getElementById("main");
  const COLORS = { cooperative: "#2a9d8f", conflictual: "#d1495b", neutral: "#8d99ae" };
  const PALETTE = ["#2f6fde", "#d1495b", "#2a9d8f", "#e9b949", "#7b5ea7", "#f08a4b", "#4aa3c9", "#8bb174",
    "#c06c84", "#5c6773", "#b5838d", "#3d5a80", "#ee6c4d", "#98c1d9", "#6d597a", "#84a59d"];

  // ---- DOM helpers: values become text, never markup ------------------------------------
  const SAFE_ATTRS = /^(class|id|href|action|method|title|type|name|value|placeholder|for|role|colspan|min|max|maxlength|selected|checked|disabled|aria-[a-z]+|data-[a-z-]+|tabindex)$/;

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (/^on/i.test(k) || k === "href" || k === "xlink:href") throw new Error("refused attribute " + k);
      el.setAttribute(k, String(v));
    }
    append(el, children);
    return el;
  }
  function setAttrs(el, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "onclick" && typeof v === "function") { el.addEventListener("click", v); continue; }
      if (k === "onchange" && typeof v === "function") { el.addEventListener("change", v); continue; }
      if (!SAFE_ATTRS.test(k)) throw new Error("refused attribute " + k);
      if ((k === "href" || k === "action") && !/^(\/(?!\/)|#|\?)/.test(String(v))) throw new Error("refused link " + v);
      el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

  const enc = encodeURIComponent;
  const articleUrl = (id) => "/articles/" + enc(id);
  const actorUrl = (id) => "/actors/" + enc(id);
  const fmt = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-GB"));
  const pct = (x) => (x === null || x === undefined ? "–" : Math.round(x * 100) + "%");
  const toneClass = (t) => (t === "cooperative" ? "coop" : t === "conflictual" ? "conf" : "neutral");
  function dateText(d) {
    if (!d) return "undated";
    const [y, m, day] = String(d).split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, day || 1));
    return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
    const text = q.toString();
    return text ? "?" + text : "";
  }

  class ApiError extends Error {
    constructor(body, status) {
      super((body && body.error && body.error.message) || "request failed (" + status + ")");
      this.status = status; this.code = body && body.error && body.error.code;
    }
  }
  async function api(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) throw new ApiError(body, response.status);
    return body;
  }
  function showError(err) {
    const title = err.status === 503 ? "The database cannot be read right now"
      : err.status === 404 ? "Not found" : "Something went wrong";
    clear(main).appendChild(h("div", { class: "banner", role: "alert" }, h("strong", {}, title), err.message));
  }
  function setTwin(path) { document.getElementById("json-twin").setAttribute("href", path); }
  function setNav(name) {
    for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === name);
  }
  function card(title, ...children) { return h("section", { class: "card" }, title ? h("h2", {}, title) : null, children); }
  const empty = (text) => h("p", { class: "empty" }, text);

  // ---- tooltip ----------------------------------------------------------------------------
  const tip = h("div", { class: "tooltip", role: "tooltip" });
  tip.hidden = true;
  document.body.appendChild(tip);
  function withTip(el, text) {
    el.addEventListener("mousemove", (ev) => {
      tip.textContent = text; tip.hidden = false;
      tip.style.left = ev.clientX + 12 + "px"; tip.style.top = ev.clientY + 12 + "px";
    });
    el.addEventListener("mouseleave", () => { tip.hidden = true; });
    return el;
  }

  // ---- shared pieces ----------------------------------------------------------------------
  function chainPath(chain, hops) {
    if (!chain || !chain.length) return h("span", { class: "empty" }, "no chain recorded");
    const el = h("div", { class: "chain", "aria-label": "chain of sources" });
    chain.forEach((name, i) => {
      if (i) {
        const cue = hops && hops[i - 1] && hops[i - 1].cue;
        el.appendChild(h("span", { class: "arrow", title: cue ? "cue: " + cue : null }, "→"));
      }
      el.appendChild(h("span", { class: "hop" + (i === 0 ? " first" : "") }, name));
    });
    return el;
  }
  function actorLink(id, actors, fallback) {
    if (!id) return fallback ? h("span", {}, fallback) : h("span", { class: "muted" }, "—");
    const a = actors && actors[id];
    return h("a", { href: actorUrl(id), title: id }, a ? a.name : id);
  }
  function actorList(ids, actors, fallback) {
    if (!ids || !ids.length) return fallback ? h("span", {}, fallback) : h("span", { class: "muted" }, "—");
    return ids.map((id, i) => [i ? ", " : null, actorLink(id, actors)]);
  }
  function pager(data, go) {
    const { total, limit, offset } = data;
    const from = total ? offset + 1 : 0, to = Math.min(offset + limit, total);
    return h("div", { class: "pager" },
      h("button", { class: "secondary", type: "button", disabled: offset <= 0, onclick: () => go(Math.max(0, offset - limit)) }, "‹ Previous"),
      h("span", {}, `${fmt(from)}–${fmt(to)} of ${fmt(total)}`),
      h("button", { class: "secondary", type: "button", disabled: offset + limit >= total, onclick: () => go(offset + limit) }, "Next ›"));
  }
  function bars(rows, { label, value, parts, href }) {
    const max = Math.max(1, ...rows.map(value));
    return h("div", { class: "bars" }, rows.map((r) => {
      const track = h("div", { class: "track" });
      const segments = parts ? parts(r) : [["plain", value(r)]];
      for (const [cls, v] of segments) {
        if (!v) continue;
        const fill = h("div", { class: "fill " + cls, title: `${cls}: ${v}` });
        fill.style.width = (100 * v / max) + "%";
        track.appendChild(fill);
      }
      const lab = href ? h("a", { class: "label", href: href(r), title: label(r) }, label(r)) : h("span", { class: "label", title: label(r) }, label(r));
      return h("div", { class: "row" }, lab, track, h("span", { class: "val" }, fmt(value(r))));
    }));
  }
  function legend(items) {
    return h("div", { class: "legend" }, items.map(([name, color]) => {
      const i = h("i"); i.style.background = color; return h("span", {}, i, name);
    }));
  }

  // ---- charts -----------------------------------------------------------------------------
  function stackedMonths(rows, keyOf, colorOf, { height = 220 } = {}) {
    // rows: [{month: "YYYY-MM", key, n}] -> stacked columns per month over a continuous axis
    const months = [...new Set(rows.map((r) => r.month))].sort();
    if (!months.length) return empty("No dated events yet.");
    const all = [];
    let [y, m] = months[0].split("-").map(Number);
    const [ly, lm] = months[months.length - 1].split("-").map(Number);
    while (y < ly || (y === ly && m <= lm)) { all.push(`${y}-${String(m).padStart(2, "0")}`); m++; if (m > 12) { m = 1; y++; } }
    const byMonth = new Map(all.map((k) => [k, []]));
    for (const r of rows) byMonth.get(r.month).push(r);
    const totals = all.map((k) => byMonth.get(k).reduce((a, r) => a + r.n, 0));
    const W = 760, H = height, L = 34, B = 26, T = 8;
    const max = Math.max(1, ...totals);
    const bw = (W - L - 8) / all.length;
    const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events over time" });
    const ticks = max <= 5 ? max : 4;
    for (let i = 0; i <= ticks; i++) {
      const v = Math.round(max * i / ticks), yy = H - B - (H - B - T) * v / max;
      svg.appendChild(s("line", { x1: L, x2: W, y1: yy, y2: yy, stroke: "#e3e7ec" }));
      svg.appendChild(s("text", { x: L - 6, y: yy + 4, "text-anchor": "end", "font-size": 10, fill: "#8a949e" }, String(v)));
    }
    all.forEach((k, i) => {
      let base = H - B;
      const x = L + i * bw + bw * 0.12, w = Math.max(1, bw * 0.76);
      for (const r of byMonth.get(k).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))) {
        const hgt = (H - B - T) * r.n / max;
        base -= hgt;
        svg.appendChild(withTip(s("rect", { x, y: base, width: w, height: hgt, fill: colorOf(keyOf(r)), rx: 1 }),
          `${k} · ${keyOf(r)}: ${r.n}`));
      }
      const every = Math.ceil(all.length / 12);
      if (i % every === 0) svg.appendChild(s("text", { x: x + w / 2, y: H - 8, "text-anchor": "middle", "font-size": 10, fill: "#5c6773" }, k));
    });
    return svg;
  }

  function timeline(days, { height = 150 } = {}) {
    // days: [{day, events, cooperative, conflictual, statements, articles}] on a time axis
    if (!days.length) return empty("Nothing dated for this actor yet.");
    const t = (d) => Date.parse(d + "T00:00:00Z");
    let t0 = t(days[0].day), t1 = t(days[days.length - 1].day);
    if (t1 - t0 < 864e5 * 60) { t0 -= 864e5 * 30; t1 += 864e5 * 30; }
    const W = 760, H = height, L = 16, R = 16, axis = H - 28;
    const x = (d) => L + (W - L - R) * (t(d) - t0) / (t1 - t0);
    const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline" });
    svg.appendChild(s("line", { x1: L, x2: W - R, y1: axis, y2: axis, stroke: "#b8c1cc" }));
    const y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t1).getUTCFullYear();
    for (let y = y0; y <= y1 + 1; y++) {
      for (const mo of [0, 6]) {
        const tt = Date.UTC(y, mo, 1);
        if (tt < t0 || tt > t1) continue;
        const xx = L + (W - L - R) * (tt - t0) / (t1 - t0);
        svg.appendChild(s("line", { x1: xx, x2: xx, y1: axis, y2: axis + 5, stroke: "#b8c1cc" }));
        svg.appendChild(s("text", { x: xx, y: axis + 18, "text-anchor": "middle", "font-size": 10, fill: "#5c6773" },
          mo ? `Jul ${y}` : String(y)));
      }
    }
    const max = Math.max(1, ...days.map((d) => d.events + d.statements + d.articles));
    for (const d of days) {
      const xx = x(d.day);
      let top = axis;
      const parts = [["conflictual", d.conflictual], ["cooperative", d.cooperative],
        ["neutral", d.events - d.conflictual - d.cooperative], ["statements", d.statements], ["articles", d.articles]];
      const colors = { conflictual: COLORS.conflictual, cooperative: COLORS.cooperative, neutral: COLORS.neutral,
        statements: "#e9b949", articles: "#9fb3d1" };
      for (const [k, v] of parts) {
        if (!v) continue;
        const hh = (axis - 10) * v / max;
        top -= hh;
        svg.appendChild(withTip(s("rect", { x: xx - 4, y: top, width: 8, height: hh, fill: colors[k], rx: 1.5 }),
          `${dateText(d.day)} · ${v} ${k === "articles" ? "article(s) mentioning it" : k === "statements" ? "statement(s)" : k + " event(s)"}`));
      }
    }
    const wrap = h("div", {}, svg, legend([["conflictual events", COLORS.conflictual], ["cooperative events", COLORS.cooperative],
      ["other events", COLORS.neutral], ["statements", "#e9b949"], ["articles mentioning", "#9fb3d1"]]));
    return wrap;
  }

  function networkSvg(net, ego) {
    const nodes = net.nodes, edges = net.edges;
    if (!edges.length) return empty("No events between actors recorded yet.");
    const W = 900, H = 460, cx = W / 2, cy = H / 2;
    const pos = new Map();
    const others = nodes.filter((n) => n.id !== ego).sort((a, b) => b.events - a.events || (a.name < b.name ? -1 : 1));
    if (ego) pos.set(ego, [cx, cy]);
    const r = Math.min(W, H) / 2 - 60;
    others.forEach((n, i) => {
      const a = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, others.length);
      pos.set(n.id, [cx + r * 1.25 * Math.cos(a), cy + r * Math.sin(a)]);
    });
    const maxW = Math.max(1, ...edges.map((e) => e.events));
    const svg = s("svg", { class: "chart net", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "network of who acts on whom" });
    const defs = s("defs");
    for (const [tone, color] of Object.entries(COLORS)) {
      defs.appendChild(s("marker", { id: "arrow-" + tone, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerUnits: "userSpaceOnUse",
        markerHeight: 9, orient: "auto-start-reverse" }, s("path", { d: "M0,0L10,5L0,10z", fill: color })));
    }
    svg.appendChild(defs);
    const pairs = new Set(edges.map((e) => e.source + "\u0000" + e.target));
    const nodeR = (n) => (n.id === ego ? 16 : 6 + 8 * Math.sqrt(n.events / Math.max(1, ...nodes.map((m) => m.events))));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const e of edges) {
      const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
      const back = pairs.has(e.target + "\u0000" + e.source);
      const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1;
      const bend = back ? 0.18 : 0.06;
      const mx = (x1 + x2) / 2 - dy * bend, my = (y1 + y2) / 2 + dx * bend;
      const rt = nodeR(byId.get(e.target)) + 3;
      const ex = x2 - (x2 - mx) / Math.hypot(x2 - mx, y2 - my) * rt, ey = y2 - (y2 - my) / Math.hypot(x2 - mx, y2 - my) * rt;
      const color = COLORS[e.tone] || COLORS.neutral;
      svg.appendChild(withTip(s("path", { class: "edge", d: `M${x1},${y1} Q${mx},${my} ${ex},${ey}`, stroke: color,
        "stroke-width": 1.2 + 5 * e.events / maxW, "marker-end": `url(#arrow-${e.tone || "neutral"})` }),
        `${(byId.get(e.source) || {}).name} → ${(byId.get(e.target) || {}).name}: ${e.events} event(s), ` +
        `${e.cooperative} cooperative, ${e.conflictual} conflictual`));
    }
    for (const n of nodes) {
      const [x, y] = pos.get(n.id);
      const g = s("g", { class: "node" + (n.id === ego ? " ego" : ""), transform: `translate(${x},${y})`, tabindex: 0 });
      g.appendChild(s("circle", { r: nodeR(n), fill: n.id === ego ? "#1d3557" : "#5b8def" }));
      const right = x >= cx;
      g.appendChild(s("text", { x: n.id === ego ? 0 : (right ? 1 : -1) * (nodeR(n) + 4), y: n.id === ego ? -22 : 4,
        "text-anchor": n.id === ego ? "middle" : right ? "start" : "end" }, n.name));
      g.addEventListener("click", () => { location.href = actorUrl(n.id); });
      svg.appendChild(withTip(g, `${n.name} (${n.id}) · ${n.events} event(s)`));
    }
    return h("div", {}, svg, legend([["cooperative", COLORS.cooperative], ["conflictual", COLORS.conflictual],
      ["neutral", COLORS.neutral]]), h("p", { class: "small muted" }, "Arrows point from the actor who acts to the one acted on; width is the number of events."));
  }

  // ---- pages ------------------------------------------------------------------------------
  async function overviewPage() {
    setNav("overview"); setTwin("/api/overview");
    const data = await api("/api/overview");
    const st = data.stats;
    document.title = "newsgraph · overview";
    clear(main);
    main.appendChild(h("div", { class: "page-head" }, h("h1", {}, "Overview"),
      h("div", { class: "meta" }, `${fmt(st.articles)} articles from ${fmt(st.publishers)} publishers, ` +
        (st.first_published ? `${dateText(st.first_published)} – ${dateText(st.last_published)}` : "no dates"))));
    const stat = (n, l) => h("div", { class: "stat" }, h("div", { class: "n" }, fmt(n)), h("div", { class: "l" }, l));
    main.appendChild(h("div", { class: "stats" }, stat(st.articles, "articles"), stat(st.actors, "actors"),
      stat(st.mentions, "actor mentions"), stat(st.statements, "statements"), stat(st.anonymous_statements, "anonymous sources"),
      stat(st.events, "events"), stat(st.source_links, "source links")));
    const types = [...new Set(data.event_types.map((t) => t.plover_type))];
    const color = (t) => PALETTE[types.indexOf(t) % PALETTE.length];
    const rows = data.events_over_time.map((r) => ({ month: r.month, key: r.plover_type, n: r.events }));
    main.appendChild(h("div", { class: "grid g3" },
      card("Events over time, by PLOVER type", stackedMonths(rows, (r) => r.key, color),
        legend(types.map((t) => [t, color(t)]))),
      card("Event types", bars(data.event_types, { label: (r) => r.plover_type, value: (r) => r.events,
        parts: (r) => [["coop", r.cooperative], ["conf", r.conflictual], ["neutral", r.events - r.cooperative - r.conflictual]],
        href: (r) => "/events" + query({ type: r.plover_type }) }),
        legend([["cooperative", COLORS.cooperative], ["conflictual", COLORS.conflictual], ["neutral", COLORS.neutral]]))));
    const latest = h("ul", { class: "list" }, data.latest_articles.map((a) => h("li", {},
      h("a", { class: "title", href: articleUrl(a.id) }, a.headline || "(no headline)"),
      h("div", { class: "meta" }, [a.publisher, dateText(a.published), a.dateline].filter(Boolean).join(" · ")))));
    const actorsTable = h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "actor"), h("th", {}, "kind"),
      h("th", { class: "num" }, "events"), h("th", { class: "num" }, "statements"), h("th", { class: "num" }, "mentions"))),
      h("tbody", {}, data.top_actors.map((a) => h("tr", {}, h("td", {}, h("a", { href: actorUrl(a.id) }, a.name)),
        h("td", { class: "muted" }, [a.kind, a.country].filter(Boolean).join(" · ")), h("td", { class: "num" }, fmt(a.events)),
        h("td", { class: "num" }, fmt(a.statements)), h("td", { class: "num" }, fmt(a.mentions))))));
    main.appendChild(h("div", { class: "grid g2", style: null }, card("Most active actors", actorsTable), card("Latest articles", latest)));
    main.lastChild.style.marginTop = "16px";
    const net = await api("/api/network?limit=40");
    const netCard = card("Who acts on whom (events between two actors)", networkSvg(net, null));
    netCard.style.marginTop = "16px";
    main.appendChild(netCard);
  }

  async function searchPage() {
    setNav("");
    const params = new URLSearchParams(location.search);
    const q = params.get("q") || "";
    const state = { q, publisher: params.get("publisher") || "", since: params.get("since") || "",
      until: params.get("until") || "", offset: Number(params.get("offset") || 0) };
    document.querySelector(".search input").value = q;
    const path = "/api/articles" + query({ q: state.q.trim(), publisher: state.publisher, since: state.since,
      until: state.until, offset: state.offset || null, limit: 20 });
    setTwin(path);
    const data = await api(path);
    document.title = q ? `newsgraph · “${q}”` : "newsgraph · articles";
    clear(main);
    main.appendChild(h("div", { class: "page-head" }, h("h1", {}, q ? `Articles matching “${q}”` : "Articles"),
      h("div", { class: "meta" }, `${fmt(data.total)} found` + (data.ranking ? ` · ranked by ${data.ranking}` : ""))));
    const form = filterForm([["q", "words", "text", state.q], ["publisher", "publisher", "text", state.publisher],
      ["since", "since", "date", state.since], ["until", "until", "date", state.until]], "/search");
    const list = h("ul", { class: "list results" }, data.items.map((a) => h("li", {},
      h("a", { class: "title", href: articleUrl(a.id) }, a.headline || "(no headline)"),
      h("div", { class: "meta" }, [a.publisher, dateText(a.published), a.dateline, a.score ? "score " + a.score.toFixed(2) : null].filter(Boolean).join(" · ")),
      h("div", { class: "snippet" }, a.snippet))));
    main.appendChild(card(null, form, data.items.length ? list : empty("No article matches."),
      pager(data, (off) => { const p = new URLSearchParams(location.search); p.set("offset", off); location.search = p.toString(); })));
  }

  function filterForm(fields, action, extra) {
    const form = h("form", { class: "filters", action, method: "get" });
    for (const [name, label, type, value, options] of fields) {
      let input;
      if (type === "select") {
        input = h("select", { name }, options.map(([v, t]) => h("option", { value: v, selected: String(v) === String(value || "") }, t)));
      } else {
        input = h("input", { name, type, value: value || "", placeholder: type === "text" ? label : null });
      }
      form.appendChild(h("label", {}, label, input));
    }
    if (extra) form.appendChild(extra);
    form.appendChild(h("button", { type: "submit" }, "Apply"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) p.set(k, String(v).trim());
      location.href = action + (p.toString() ? "?" + p.toString() : "");
    });
    return form;
  }

  // -- article reader --
  async function articlePage(id) {
    setNav(""); setTwin("/api/articles/" + enc(id));
    const a = await api("/api/articles/" + enc(id));
    document.title = "newsgraph · " + (a.headline || a.id);
    const actors = a.actors || {};
    clear(main);
    main.appendChild(h("div", { class: "page-head" }, h("h1", {}, a.headline || "(no headline)"),
      h("div", { class: "meta" }, [a.publisher, dateText(a.published), a.dateline, a.byline, `${fmt(a.word_count)} words`]
        .filter(Boolean).join(" · ")),
      h("div", { class: "meta small" }, "source: ", a.uri, " · id ", a.id)));

    // every record that has a span in the text
    const records = [];
    for (const m of a.mentions) if (m.actor_id) records.push({ kind: "actor", start: m.start_char, end: m.end_char, rec: m });
    for (const st of a.statements) {
      const spans = st.content_spans && st.content_spans.length ? st.content_spans : [[st.start_char, st.end_char]];
      for (const [start, end] of spans) records.push({ kind: "quote", start, end, rec: st });
    }
    for (const e of a.events) records.push({ kind: "event", start: e.start_char, end: e.end_char, rec: e });
    const text = a.text;
    const cuts = new Set([0, text.length]);
    for (const r of records) {
      r.start = Math.max(0, Math.min(text.length, r.start)); r.end = Math.max(r.start, Math.min(text.length, r.end));
      cuts.add(r.start); cuts.add(r.end);
    }
    const points = [...cuts].sort((x, y) => x - y);
    const body = h("div", { class: "article-text", id: "article-text" });
    const spansOf = new Map();
    const rank = { event: 0, actor: 1, quote: 2 };
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const piece = text.slice(from, to);
      const covering = records.filter((r) => r.start <= from && r.end >= to && r.end > r.start);
      if (!covering.length) { body.appendChild(document.createTextNode(piece)); continue; }
      covering.sort((x, y) => rank[x.kind] - rank[y.kind] || (x.end - x.start) - (y.end - y.start));
      const kinds = new Set(covering.map((r) => r.kind));
      const cls = ["hl"];
      if (kinds.has("quote")) cls.push("hl-quote");
      if (kinds.has("actor")) cls.push("hl-actor");
      if (kinds.has("event")) { cls.push("hl-event", toneClass(covering.find((r) => r.kind === "event").rec.tone)); }
      const span = h("span", { class: cls.join(" "), "data-kind": covering[0].kind, "data-id": covering[0].rec.id, tabindex: 0 }, piece);
      span.addEventListener("click", (ev) => { ev.stopPropagation(); select(covering[0]); });
      span.addEventListener("keydown", (ev) => { if (ev.key === "Enter") select(covering[0]); });
      for (const r of covering) { if (!spansOf.has(r.rec.id)) spansOf.set(r.rec.id, []); spansOf.get(r.rec.id).push(span); }
      body.appendChild(span);
    }
    const panel = h("div", { class: "record", id: "record", "aria-live": "polite" },
      h("p", { class: "muted" }, "Click a highlight to see what was found there: an actor, a quote and its chain of sources, or an event."));
    function select(r) {
      for (const el of document.querySelectorAll(".hl.selected")) el.classList.remove("selected");
      for (const el of spansOf.get(r.rec.id) || []) el.classList.add("selected");
      clear(panel).appendChild(recordView(r, actors, a));
      const first = (spansOf.get(r.rec.id) || [])[0];
      if (first && first.getBoundingClientRect().top < 60) first.scrollIntoView({ block: "center" });
    }
    const toggles = h("div", { class: "toggles" }, [["actors", "actors"], ["quotes", "quotes"], ["events", "event triggers"]]
      .map(([k, label]) => {
        const box = h("input", { type: "checkbox", checked: true });
        box.addEventListener("change", () => body.classList.toggle("hide-" + k, !box.checked));
        const sw = h("span", { class: "hl hl-" + (k === "actors" ? "actor" : k === "quotes" ? "quote" : "event") }, label);
        return h("label", {}, box, " ", sw);
      }));
    const statementList = h("ul", { class: "list" }, a.statements.map((st) => {
      const li = h("li", { "data-statement": st.id }, h("div", { class: "quote-text" }, st.content),
        h("div", { class: "meta" }, st.speaker || "unknown speaker", st.cue ? ` · ${st.cue}` : "", st.anonymous ? " · anonymous" : ""));
      li.addEventListener("click", () => select(records.find((r) => r.rec.id === st.id)));
      return li;
    }));
    const eventList = h("ul", { class: "list" }, a.events.map((e) => {
      const li = h("li", {}, h("span", { class: "chip type" }, e.plover_type), h("span", { class: "chip status" }, e.status), " ",
        h("span", {}, [e.source_text || (e.source_actor_ids || []).join(", ") || "?", " → ", e.trigger, " → ",
          e.target_text || (e.target_actor_ids || []).join(", ") || "?"].join("")));
      li.addEventListener("click", () => select(records.find((r) => r.rec.id === e.id)));
      return li;
    }));
    main.appendChild(h("div", { class: "grid reader" },
      h("div", { class: "stack" }, card(null, toggles, body),
        h("div", { class: "grid g2 records" }, card(`Statements (${a.statements.length})`, a.statements.length ? statementList : empty("none")),
          card(`Events (${a.events.length})`, a.events.length ? eventList : empty("none")))),
      h("aside", { class: "side" }, card("Selected", panel), cleaningCard(a))));
  }

  function cleaningCard(a) {
    if (!a.cleaning || !a.cleaning.length) return null;
    const c = card("What cleaning removed", h("ul", { class: "list small" }, a.cleaning.slice(0, 12).map((step) =>
      h("li", {}, h("strong", {}, step.action || "step"), " ", h("span", { class: "muted" }, step.rule || ""), " ",
        step.text ? h("div", { class: "muted" }, String(step.text).slice(0, 160)) : null))));
    c.style.marginTop = "16px";
    return c;
  }

  function recordView(r, actors, article) {
    const rec = r.rec;
    const dl = (pairs) => h("dl", {}, pairs.filter((p) => p[1] !== null && p[1] !== undefined && p[1] !== "")
      .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
    if (r.kind === "actor") {
      const actor = actors[rec.actor_id] || {};
      return h("div", {}, h("div", { class: "kind" }, "actor mention"),
        h("h2", {}, h("a", { href: actorUrl(rec.actor_id), id: "record-actor-link" }, actor.name || rec.actor_id)),
        dl([["as written", rec.text], ["actor id", rec.actor_id], ["kind", actor.kind], ["country", actor.country],
          ["sector", actor.sector || rec.sector], ["role", rec.role], ["resolved by", rec.method], ["rule", rec.rule],
          ["confidence", pct(rec.confidence)], ["offsets", `${rec.start_char}–${rec.end_char}`]]));
    }
    if (r.kind === "quote") {
      const other = (id) => article.statements.find((x) => x.id === id);
      const link = (label, id) => {
        const o = other(id);
        return o ? h("div", { class: "small" }, label, " ", h("em", {}, "“", o.content.slice(0, 140), "”"), " — ", o.speaker || "?") : null;
      };
      return h("div", {}, h("div", { class: "kind" }, (rec.direct ? "direct" : "indirect") + " statement"),
        h("blockquote", {}, rec.content),
        h("h3", {}, "Chain of sources"), chainPath(rec.chain, rec.chain_hops),
        dl([["speaker", rec.speaker_actor_id ? actorLink(rec.speaker_actor_id, actors, rec.speaker) : (rec.speaker || "unknown")],
          ["as written", rec.speaker_actor_id ? rec.speaker : null], ["role", rec.speaker_role],
          ["anonymous", rec.anonymous ? h("span", { class: "chip anon" }, "anonymous source") : "no"],
          ["cue", rec.cue], ["medium", rec.medium_text || rec.medium], ["kind", rec.kind], ["negated", rec.negated ? "yes" : null],
          ["rule", rec.rule], ["confidence", pct(rec.confidence)], ["offsets", `${rec.start_char}–${rec.end_char}`]]),
        rec.disputes ? link("Disputes:", rec.disputes) : null, rec.supports ? link("Supports:", rec.supports) : null);
    }
    const e = rec;
    return h("div", {}, h("div", { class: "kind" }, "event"),
      h("h2", {}, h("span", { class: "chip type" }, e.plover_type), " ", h("span", { class: "chip " + toneClass(e.tone) }, e.tone),
        " ", h("span", { class: "chip status" }, e.status)),
      dl([["who", actorList(e.source_actor_ids, actors, e.source_text)], ["did", e.trigger + (e.mode ? ` (${e.mode})` : "")],
        ["to whom", actorList(e.target_actor_ids, actors, e.target_text)], ["status", e.status], ["confidence", pct(e.confidence)],
        ["CAMEO", e.cameo], ["quad class", e.quad_class], ["Goldstein", e.goldstein], ["date", e.event_date ? dateText(e.event_date) : null],
        ["place", e.place], ["rule", e.rule], ["offsets", `${e.start_char}–${e.end_char}`]]),
      h("h3", {}, "Chain of sources"), chainPath(e.chain, e.chain_hops));
  }

  // -- actor page --
  async function actorPage(id) {
    setNav("actors"); setTwin("/api/actors/" + enc(id));
    const a = await api("/api/actors/" + enc(id));
    document.title = "newsgraph · " + a.name;
    const names = Object.fromEntries(a.network.nodes.map((n) => [n.id, n]));
    clear(main);
    main.appendChild(h("div", { class: "page-head" }, h("h1", {}, a.name),
      h("div", { class: "meta" }, [a.kind, a.country, a.sector, a.role, a.id].filter(Boolean).join(" · ")),
      h("div", { style: null }, (a.names_seen || []).map((n) => h("span", { class: "chip", title: `${n.mentions} mention(s)` }, `${n.text} ×${n.mentions}`)))));
    const edgeTable = (edges, other) => edges.length ? h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "actor"),
      h("th", { class: "num" }, "events"), h("th", { class: "num" }, "coop."), h("th", { class: "num" }, "confl."))),
      h("tbody", {}, edges.map((e) => h("tr", {}, h("td", {}, h("a", { href: actorUrl(e[other]) }, (names[e[other]] || {}).name || e[other])),
        h("td", { class: "num" }, fmt(e.events)), h("td", { class: "num" }, fmt(e.cooperative)), h("td", { class: "num" }, fmt(e.conflictual))))))
      : empty("none recorded");
    main.appendChild(h("div", { class: "grid g3" }, card("Who acts on whom", networkSvg(a.network, a.id)),
      h("div", { class: "stack" }, card("Acts on", edgeTable(a.acts_on, "target")), card("Acted on by", edgeTable(a.acted_on_by, "source")))));
    const tl = card("Timeline", timeline(a.timeline));
    tl.style.marginTop = "16px";
    main.appendChild(tl);
    const quoteList = (items) => items.length ? h("div", {}, items.slice(0, 30).map((q) => quoteCard(q))) : empty("none recorded");
    const g = h("div", { class: "grid g2" }, card(`What it says (${a.says.length})`, quoteList(a.says)),
      card(`What others say of it (${a.said_of.length})`, quoteList(a.said_of)));
    g.style.marginTop = "16px";
    main.appendChild(g);
    const ev = card(`Events (${a.events.length})`, eventsTable(a.events, Object.assign({}, names)));
    ev.style.marginTop = "16px";
    main.appendChild(ev);
  }

  function quoteCard(q) {
    return h("div", { class: "quote-card" },
      h("div", { class: "content" }, q.content),
      h("div", { class: "who" }, q.speaker_actor_id ? h("a", { href: actorUrl(q.speaker_actor_id) }, q.speaker_name || q.speaker) : h("strong", {}, q.speaker || "unknown speaker"),
        q.speaker_role ? h("span", { class: "muted" }, " · " + q.speaker_role) : null,
        q.anonymous ? [" ", h("span", { class: "chip anon" }, "anonymous")] : null,
        h("span", { class: "muted" }, q.cue ? ` · ${q.cue}` : "")),
      chainPath(q.chain, q.chain_hops),
      h("div", { class: "meta small" }, h("a", { href: articleUrl(q.article_id) }, q.headline || q.article_id), " · ",
        [q.publisher, dateText(q.published)].filter(Boolean).join(" · ")),
      q.disputes_statement ? h("div", { class: "link" }, h("strong", {}, "Disputes: "), "“", q.disputes_statement.content, "” — ", q.disputes_statement.speaker || "?") : null,
      q.supports_statement ? h("div", { class: "link" }, h("strong", {}, "Supports: "), "“", q.supports_statement.content, "” — ", q.supports_statement.speaker || "?") : null);
  }

  function eventsTable(items, actors) {
    if (!items.length) return empty("No events match.");
    return h("table", { class: "events-table" }, h("thead", {}, h("tr", {}, h("th", {}, "date"), h("th", {}, "type"),
      h("th", {}, "who → to whom"), h("th", {}, "status"), h("th", {}, "evidence"), h("th", { class: "num" }, "conf."))),
      h("tbody", {}, items.map((e) => h("tr", {},
        h("td", { class: "small" }, dateText(e.event_date || e.published)),
        h("td", {}, h("span", { class: "chip type" }, e.plover_type), h("div", {}, h("span", { class: "chip " + toneClass(e.tone) }, e.tone))),
        h("td", {}, actorList(e.source_actor_ids, actors, e.source_text), " → ", actorList(e.target_actor_ids, actors, e.target_text)),
        h("td", {}, h("span", { class: "chip status" }, e.status)),
        h("td", { class: "small" }, h("div", {}, e.sentence ? e.sentence.trim().slice(0, 220) : e.trigger),
          h("div", { class: "muted" }, h("a", { href: articleUrl(e.article_id) }, e.publisher || "article"),
            e.countries && e.countries.length ? " · " + e.countries.join(", ") + (e.placed_by === "actor-country" ? " (by actor)" : "") : "")),
        h("td", { class: "num" }, pct(e.confidence))))));
  }

  // -- events explorer --
  let world = null;
  async function eventsPage() {
    setNav("events");
    const p = new URLSearchParams(location.search);
    const f = {};
    for (const k of ["type", "status", "tone", "actor", "source", "target", "country", "since", "until"]) f[k] = p.get(k) || "";
    const offset = Number(p.get("offset") || 0);
    const path = "/api/events" + query(Object.assign({}, f, { limit: 25, offset: offset || null }));
    setTwin(path);
    const [data, places] = await Promise.all([api(path), api("/api/events/places" + query(f))]);
    world = world || await api("/api/map/countries");
    document.title = "newsgraph · events";
    clear(main);
    main.appendChild(h("div", { class: "page-head" }, h("h1", {}, "Events"),
      h("div", { class: "meta" }, `${fmt(data.total)} events · who did what to whom, with the sentence that says so`)));
    const form = filterForm([
      ["type", "PLOVER type", "select", f.type, [["", "any"], ...data.types.map((t) => [t, t])]],
      ["status", "status", "select", f.status, [["", "any"], ...["asserted", "claimed", "intended", "denied", "hypothetical"].map((t) => [t, t])]],
      ["tone", "tone", "select", f.tone, [["", "any"], ["cooperative", "cooperative"], ["conflictual", "conflictual"], ["neutral", "neutral"]]],
      ["actor", "actor id", "text", f.actor], ["country", "country (ISO3)", "text", f.country],
      ["since", "since", "date", f.since], ["until", "until", "date", f.until]], "/events");
    main.appendChild(card(null, form));
    const mapCard = card("Where (event places; by actor country where no place was found)", mapSvg(world, places, f.country),
      h("p", { class: "small muted" }, `${fmt(places.unplaced)} event(s) without a place. Click a country to filter.`));
    mapCard.style.marginTop = "16px";
    main.appendChild(mapCard);
    const list = card(null, eventsTable(data.items, data.actors), pager(data, (off) => { p.set("offset", off); location.search = p.toString(); }));
    list.style.marginTop = "16px";
    main.appendChild(list);
  }

  function mapSvg(w, places, selected) {
    const counts = new Map(places.places.map((p) => [p.country, p]));
    const max = Math.max(1, ...places.places.map((p) => p.events));
    const svg = s("svg", { class: "chart map", viewBox: `0 0 ${w.width} ${w.height}`, role: "img", "aria-label": "map of event places" });
    svg.appendChild(s("rect", { class: "sea", x: 0, y: 0, width: w.width, height: w.height }));
    const go = (iso) => { const p = new URLSearchParams(location.search); p.set("country", iso); p.delete("offset"); location.search = p.toString(); };
    for (const c of w.countries) {
      if (!c.path) continue;
      const hit = counts.get(c.iso3);
      const el = s("path", { class: "country" + (hit ? " has" : "") + (selected && selected.toUpperCase() === c.iso3 ? " selected" : ""), d: c.path });
      if (hit) {
        const share = 0.15 + 0.75 * Math.sqrt(hit.events / max);
        const tone = hit.conflictual >= hit.cooperative ? [209, 73, 91] : [42, 157, 143];
        el.setAttribute("fill", `rgba(${tone[0]},${tone[1]},${tone[2]},${share.toFixed(2)})`);
        el.addEventListener("click", () => go(c.iso3));
        withTip(el, `${c.name}: ${hit.events} event(s) · ${hit.cooperative} cooperative, ${hit.conflictual} conflictual`);
      }
      svg.appendChild(el);
    }
    for (const c of w.countries) {
      const hit = counts.get(c.iso3);
      if (!hit || c.x === null) continue;
      const b = s("circle", { class: "bubble", cx: c.x, cy: c.y, r: 3 + 9 * Math.sqrt(hit.events / max) });
      b.addEventListener("click", () => go(c.iso3));
      svg.appendChild(withTip(b, `${c.name}: ${hit.events} event(s)`));
    }
    const list = h("div", { class: "legend" }, places.places.slice(0, 14).map((p) => {
      const c = w.countries.find((x) => x.iso3 === p.country);
      return h("a", { href: "/events" + query({ country: p.country }) }, `${c ? c.name : p.country} ${p.events}`);
    }));
    return h("div", {}, svg, list);
  }

  // -- quotes explorer --
  async function quotesPage() {
    setNav("quotes");
    const p = new URLSearchParams(location.search);
    const f = {};
    for (const k of ["q", "speaker", "actor", "about", "anonymous", "direct", "contested", "since", "until"]) f[k] = p.get(k) || "";
    const offset = Number(p.get("offset") || 0);
    const path = "/api/quotes" + query(Object.assign({}, f, { limit: 25, offset: offset || null }));
    setTwin(path);
    const [data, speakers] = await Promise.all([api(path), api("/api/speakers" + query({ limit: 12, actor: f.actor, since: f.since, until: f.until }))]);
    document.title = "newsgraph · quotes";
    clear(main);
    main.appendChild(h("div", { class: "page-head" }, h("h1", {}, "Quotes and statements"),
      h("div", { class: "meta" }, `${fmt(data.total)} statements · who said what, according to whom`)));
    const yesno = [["", "any"], ["true", "yes"], ["false", "no"]];
    main.appendChild(card(null, filterForm([["q", "words in the statement", "text", f.q], ["speaker", "speaker", "text", f.speaker],
      ["anonymous", "anonymous", "select", f.anonymous, yesno], ["direct", "direct quote", "select", f.direct, yesno],
      ["contested", "disputes/supports", "select", f.contested, yesno], ["since", "since", "date", f.since], ["until", "until", "date", f.until]], "/quotes")));
    const g = h("div", { class: "grid g3" },
      card(null, data.items.length ? h("div", { class: "quotes" }, data.items.map(quoteCard)) : empty("No statement matches."),
        pager(data, (off) => { p.set("offset", off); location.search = p.toString(); })),
      card("Most-quoted speakers", bars(speakers.items, { label: (r) => r.speaker, value: (r) => r.statements,
        href: (r) => (r.actor_id ? actorUrl(r.actor_id) : "/quotes" + query({ speaker: r.speaker })) })));
    g.style.marginTop = "16px";
    main.appendChild(g);
  }

  // -- actors and stories lists --
  async function actorsPage() {
    setNav("actors");
    const p = new URLSearchParams(location.search);
    const f = { q: p.get("q") || "", kind: p.get("kind") || "", country: p.get("country") || "" };
    const offset = Number(p.get("offset") || 0);
    const path = "/api/actors" + query(Object.assign({}, f, { limit: 50, offset: offset || null }));
    setTwin(path);
    const data = await api(path);
    document.title = "newsgraph · actors";
    clear(main);
    main.appendChild(h("div", { class: "page-head" }, h("h1", {}, "Actors"), h("div", { class: "meta" }, `${fmt(data.total)} actors`)));
    const table = h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "actor"), h("th", {}, "id"), h("th", {}, "kind"),
      h("th", {}, "country"), h("th", { class: "num" }, "mentions"), h("th", { class: "num" }, "articles"),
      h("th", { class: "num" }, "statements"), h("th", { class: "num" }, "events"))),
      h("tbody", {}, data.items.map((a) => h("tr", {}, h("td", {}, h("a", { href: actorUrl(a.id) }, a.name)),
        h("td", { class: "muted small" }, a.id), h("td", {}, a.kind || ""), h("td", {}, a.country || ""),
        h("td", { class: "num" }, fmt(a.mentions)), h("td", { class: "num" }, fmt(a.articles)),
        h("td", { class: "num" }, fmt(a.statements)), h("td", { class: "num" }, fmt(a.events))))));
    main.appendChild(card(null, filterForm([["q", "name", "text", f.q], ["kind", "kind", "text", f.kind],
      ["country", "country (ISO3)", "text", f.country]], "/actors"), table,
      pager(data, (off) => { p.set("offset", off); location.search = p.toString(); })));
  }

  async function storiesPage() {
    setNav("stories"); setTwin("/api/stories");
    const data = await api("/api/stories?limit=100");
    document.title = "newsgraph · stories";
    clear(main);
    main.appendChild(h("div", { class: "page-head" }, h("h1", {}, "Stories"),
      h("div", { class: "meta" }, "Articles that report the same thing, grouped")));
    main.appendChild(card(null, data.items.length ? h("ul", { class: "list" }, data.items.map((st) => h("li", {},
      h("a", { class: "title", href: "/search" + query({ q: "" }) + "", "data-story": st.id }, st.headline || st.id),
      h("div", { class: "meta" }, `${fmt(st.articles)} article(s) · ` + (st.publishers || []).join(", ") + " · " +
        dateText(st.first_published) + (st.last_published && st.last_published !== st.first_published ? " – " + dateText(st.last_published) : "")))))
      : empty("No stories computed yet.")));
    for (const a of main.querySelectorAll("[data-story]")) {
      a.addEventListener("click", async (ev) => {
        ev.preventDefault();
        const story = await api("/api/stories/" + enc(a.dataset.story));
        const li = a.parentElement;
        li.appendChild(h("ul", { class: "list small" }, story.articles.map((x) => h("li", {},
          h("a", { href: articleUrl(x.id) }, x.headline || x.id), h("span", { class: "muted" }, " · " + [x.publisher, dateText(x.published)].join(" · "))))));
      }, { once: true });
    }
  }

  // ---- routing ----------------------------------------------------------------------------
  async function route() {
    const path = location.pathname.replace(/\/+$/, "") || "/";
    let m;
    try {
      if (path === "/") return await overviewPage();
      if (path === "/search" || path === "/articles") return await searchPage();
      if ((m = path.match(/^\/articles\/([^/]+)$/))) return await articlePage(decodeURIComponent(m[1]));
      if ((m = path.match(/^\/actors\/([^/]+)$/))) return await actorPage(decodeURIComponent(m[1]));
      if (path === "/actors") return await actorsPage();
      if (path === "/events") return await eventsPage();
      if (path === "/quotes") return await quotesPage();
      if (path === "/stories") return await storiesPage();
      showError(new ApiError({ error: { message: "no page at " + path } }, 404));
    } catch (err) {
      showError(err instanceof ApiError ? err : new ApiError({ error: { message: String(err && err.message || err) } }, 0));
      if (!(err instanceof ApiError)) console.error(err);
    }
  }
  route();
})();
