"""A briefing: ONE self-contained HTML file (inline CSS and SVG, no script, no external
request) summarising a selection of the database: key events, a timeline, the network of who
acts on whom, the most-quoted speakers and contested claims. For sharing with someone who has
no newsgraph.

Every value from the database goes through :func:`html.escape`; nothing is fetched or linked
outside the file.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any

from .web import queries

COLORS = {"cooperative": "#2a9d8f", "conflictual": "#d1495b", "neutral": "#8d99ae"}

CSS = """
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
color:#1b2430;background:#f5f7fa}header{background:#1d3557;color:#fff;padding:22px 32px}
header h1{margin:0 0 4px;font-size:24px}header p{margin:0;color:#cfd8e3}main{max-width:1100px;margin:0 auto;
padding:20px 32px 40px}section{background:#fff;border:1px solid #e3e7ec;border-radius:8px;padding:16px 20px;
margin-bottom:16px;box-shadow:0 1px 2px rgba(16,24,40,.06)}h2{font-size:16px;margin:0 0 12px}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:10px;margin-bottom:16px}
.stat{background:#fff;border:1px solid #e3e7ec;border-radius:8px;padding:10px 14px}.stat b{display:block;font-size:22px}
.stat span{color:#5c6773;font-size:12px}table{width:100%;border-collapse:collapse}th{text-align:left;color:#5c6773;
font-size:12px;font-weight:600;border-bottom:1px solid #e3e7ec;padding:6px 8px}td{border-bottom:1px solid #eef1f5;
padding:7px 8px;vertical-align:top}tr:last-child td{border-bottom:0}.num{text-align:right;font-variant-numeric:tabular-nums}
.chip{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;background:#eef1f5;margin:0 4px 2px 0;
white-space:nowrap}.type{background:#e8eefc;color:#24469a;font-weight:600}.cooperative{background:#e2f4f1;color:#1f6f66}
.conflictual{background:#fbe7ea;color:#9b2436}.neutral{background:#eef1f5;color:#33404d}.status{background:#f3ecfa;color:#5e3a87}
.muted{color:#5c6773}.small{font-size:12px}.ev{font-family:Georgia,serif}.chain{font-size:12px;color:#1f3a66}
.claim{display:grid;grid-template-columns:1fr 90px 1fr;gap:12px;align-items:center;padding:10px 0;
border-bottom:1px solid #eef1f5}.claim:last-child{border-bottom:0}.claim blockquote{margin:0;padding:8px 12px;
background:#fffaf0;border-left:3px solid #e9b949;font-family:Georgia,serif}.claim .rel{text-align:center;font-weight:700;
font-size:12px;text-transform:uppercase}.rel.disputes{color:#d1495b}.rel.supports{color:#2a9d8f}
.legend{font-size:12px;color:#5c6773;margin-top:6px}.legend i{display:inline-block;width:10px;height:10px;
border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}svg{width:100%;height:auto;display:block}
svg text{font-family:inherit}footer{text-align:center;color:#8a949e;font-size:12px;padding-bottom:24px}
.empty{color:#8a949e;font-style:italic}@media print{body{background:#fff}section{break-inside:avoid}}
"""


def _e(value: Any) -> str:
    """Escape anything for HTML text or a quoted attribute."""
    return escape("" if value is None else str(value), quote=True)


def _date(value: Any) -> str:
    if not value:
        return "undated"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.day} {value:%b %Y}"


def _who(ids: list[str] | None, text: str | None, names: dict[str, str]) -> str:
    if ids:
        return ", ".join(_e(names.get(i, i)) for i in ids)
    return _e(text) if text else '<span class="muted">—</span>'


def collect(store: Any, *, actor: str | None = None, since: dt.date | None = None,
            until: dt.date | None = None) -> dict[str, Any]:
    """Everything the briefing shows, as data."""
    con = store.con
    if since and until and since > until:
        raise ValueError(f"--since ({since}) is after --until ({until})")
    actor_row = None
    if actor:
        found = queries.actor_names(con, {actor})
        if actor not in found:
            raise ValueError(f"no actor {actor!r} in {store.path} (see `newsgraph actors`)")
        actor_row = found[actor]
    events = queries.list_events(con, actor=actor, since=since, until=until, limit=5000)
    articles = queries.list_articles(con, actor=actor, since=since, until=until, limit=500)
    article_ids = {a["id"] for a in articles["items"]}
    statements = queries.list_quotes(con, since=since, until=until, limit=5000)["items"]
    if actor:
        statements = [s for s in statements if s["speaker_actor_id"] == actor or s["article_id"] in article_ids]
    contested = [s for s in statements if s.get("disputes") or s.get("supports")]
    net = queries.network(con, actor=actor, since=since, until=until, limit=40)
    speakers = queries.top_speakers(con, actor=actor, since=since, until=until, limit=12)
    return {"actor": actor_row, "since": since, "until": until, "events": events["items"],
            "actors": events["actors"], "articles": articles["items"], "statements": statements,
            "contested": contested, "network": net, "speakers": speakers}


def key_events(events: list[dict[str, Any]], limit: int = 15) -> list[dict[str, Any]]:
    """Events grouped by (type, sources, targets), ranked by how many articles report them,
    then by the strength of the Goldstein score and the confidence. An event with no actor on
    either side says nothing of who did what to whom, and is left out (grouped, unrelated
    actorless events looked like one event that many articles report)."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        if not (e["source_actor_ids"] or e["target_actor_ids"]):
            continue
        groups[(e["plover_type"], tuple(e["source_actor_ids"] or []), tuple(e["target_actor_ids"] or []),
                e["status"])].append(e)
    ranked = []
    for members in groups.values():
        best = max(members, key=lambda e: (e["status"] == "asserted", e["confidence"] or 0))
        ranked.append({**best, "reports": len(members), "articles": len({m["article_id"] for m in members})})
    ranked.sort(key=lambda e: (-e["articles"], -abs(e["goldstein"] or 0), -(e["confidence"] or 0), e["id"]))
    return ranked[:limit]


def timeline_svg(events: list[dict[str, Any]]) -> str:
    """Events per month, cooperative / conflictual / other stacked, on a continuous axis."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in events:
        day = e["event_date"] or e["published"]
        if day:
            counts[str(day)[:7]][queries.tone(e["quad_class"])] += 1
    if not counts:
        return '<p class="empty">No dated events.</p>'
    first, last = min(counts), max(counts)
    months = []
    y, m = map(int, first.split("-"))
    ly, lm = map(int, last.split("-"))
    while (y, m) <= (ly, lm):
        months.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    width, height, left, bottom, top = 1000, 200, 30, 24, 8
    peak = max(sum(c.values()) for c in counts.values()) or 1
    bar = (width - left - 6) / len(months)
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="timeline of events">']
    for i in range(0, peak + 1, max(1, math.ceil(peak / 4))):
        yy = height - bottom - (height - bottom - top) * i / peak
        parts.append(f'<line x1="{left}" x2="{width}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#e3e7ec"/>'
                     f'<text x="{left - 5}" y="{yy + 4:.1f}" text-anchor="end" font-size="10" fill="#8a949e">{i}</text>')
    every = max(1, math.ceil(len(months) / 12))
    for i, month in enumerate(months):
        x = left + i * bar + bar * 0.12
        w = max(1.0, bar * 0.76)
        base = height - bottom
        for tone in ("conflictual", "cooperative", "neutral"):
            n = counts.get(month, {}).get(tone, 0)
            if not n:
                continue
            hgt = (height - bottom - top) * n / peak
            base -= hgt
            parts.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{w:.1f}" height="{hgt:.1f}" fill="{COLORS[tone]}">'
                         f'<title>{_e(month)}: {n} {tone}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x + w / 2:.1f}" y="{height - 7}" text-anchor="middle" font-size="10" '
                         f'fill="#5c6773">{_e(month)}</text>')
    parts.append("</svg>")
    return "".join(parts) + _legend()


def _legend() -> str:
    return '<div class="legend">' + "".join(
        f'<i style="background:{c}"></i>{t}' for t, c in COLORS.items()) + "</div>"


def network_svg(net: dict[str, Any], ego: str | None = None) -> str:
    """Nodes on an ellipse (the selected actor in the middle), arrows source -> target
    coloured by tone and as wide as their count."""
    nodes, edges = net["nodes"], net["edges"]
    if not edges:
        return '<p class="empty">No events between two actors in this selection.</p>'
    width, height = 1000, 520
    cx, cy = width / 2, height / 2
    others = sorted((n for n in nodes if n["id"] != ego), key=lambda n: (-n["events"], n["name"]))
    pos = {ego: (cx, cy)} if ego else {}
    for i, n in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(others))
        pos[n["id"]] = (cx + 330 * math.cos(angle), cy + 200 * math.sin(angle))
    peak = max(e["events"] for e in edges)
    most = max(n["events"] for n in nodes) or 1
    radius = {n["id"]: (15 if n["id"] == ego else 6 + 8 * math.sqrt(n["events"] / most)) for n in nodes}
    pairs = {(e["source"], e["target"]) for e in edges}
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="network of who acts on whom"><defs>']
    for tone, colour in COLORS.items():
        parts.append(f'<marker id="a-{tone}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9"'
                     f' markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="{colour}"/></marker>')
    parts.append("</defs>")
    names = {n["id"]: n["name"] for n in nodes}
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        bend = 0.18 if (e["target"], e["source"]) in pairs else 0.06
        mx, my = (x1 + x2) / 2 - (y2 - y1) * bend, (y1 + y2) / 2 + (x2 - x1) * bend
        dist = math.hypot(x2 - mx, y2 - my) or 1
        gap = radius[e["target"]] + 3
        ex, ey = x2 - (x2 - mx) / dist * gap, y2 - (y2 - my) / dist * gap
        parts.append(
            f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}" fill="none" stroke="{COLORS[e["tone"]]}"'
            f' stroke-width="{1.2 + 5 * e["events"] / peak:.1f}" opacity=".8" marker-end="url(#a-{e["tone"]})">'
            f'<title>{_e(names.get(e["source"]))} → {_e(names.get(e["target"]))}: {e["events"]} event(s)</title></path>')
    for n in nodes:
        x, y = pos[n["id"]]
        r = radius[n["id"]]
        anchor = "middle" if n["id"] == ego else ("start" if x >= cx else "end")
        tx = x if n["id"] == ego else x + (r + 4 if x >= cx else -(r + 4))
        ty = y - 20 if n["id"] == ego else y + 4
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{"#1d3557" if n["id"] == ego else "#5b8def"}"'
            f' stroke="#fff" stroke-width="2"><title>{_e(n["name"])} ({_e(n["id"])})</title></circle>'
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" font-size="12" fill="#1b2430" paint-order="stroke"'
            f' stroke="#fff" stroke-width="3" stroke-linejoin="round">{_e(n["name"])}</text>')
    parts.append("</svg>")
    return "".join(parts) + _legend()


def render(data: dict[str, Any], *, title: str | None = None, generated: dt.datetime | None = None) -> str:
    """The briefing as one HTML document."""
    generated = generated or dt.datetime.now().replace(microsecond=0)
    actor = data["actor"]
    scope = []
    if actor:
        scope.append(f"actor: {actor['name']} ({actor['id']})")
    if data["since"] or data["until"]:
        scope.append(f"{_date(data['since']) if data['since'] else 'start'} – "
                     f"{_date(data['until']) if data['until'] else 'today'}")
    title = title or ("Briefing: " + actor["name"] if actor else "newsgraph briefing")
    events = data["events"]
    names = {k: v["name"] for k, v in data["actors"].items()}
    names.update({n["id"]: n["name"] for n in data["network"]["nodes"]})
    out = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        # No request may leave this file: nothing is loaded, and the policy forbids it anyway.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        f"<meta name=\"referrer\" content=\"no-referrer\"><title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1><p>{_e(' · '.join(scope) or 'everything in the database')}"
        f" · generated {_e(generated.isoformat(sep=' '))} by newsgraph</p></header><main>",
    ]
    tones = defaultdict(int)
    for e in events:
        tones[e["tone"]] += 1
    stat = lambda n, label: f'<div class="stat"><b>{n:,}</b><span>{_e(label)}</span></div>'  # noqa: E731
    out.append('<div class="stats">' + stat(len(data["articles"]), "articles") + stat(len(events), "events")
               + stat(tones["cooperative"], "cooperative events") + stat(tones["conflictual"], "conflictual events")
               + stat(len(data["statements"]), "statements") + stat(len(data["contested"]), "contested claims") + "</div>")

    rows = []
    for e in key_events(events):
        rows.append(
            f"<tr><td class=\"small\">{_e(_date(e['event_date'] or e['published']))}</td>"
            f"<td><span class=\"chip type\">{_e(e['plover_type'])}</span><br>"
            f"<span class=\"chip {_e(e['tone'])}\">{_e(e['tone'])}</span></td>"
            f"<td>{_who(e['source_actor_ids'], e['source_text'], names)} → "
            f"{_who(e['target_actor_ids'], e['target_text'], names)}</td>"
            f"<td><span class=\"chip status\">{_e(e['status'])}</span></td>"
            f"<td><div class=\"ev\">{_e((e['sentence'] or e['trigger'] or '').strip()[:300])}</div>"
            f"<div class=\"chain\">{' → '.join(_e(c) for c in e['chain'])}</div>"
            f"<div class=\"muted small\">{_e(e['publisher'])} · {_e(e['headline'])}</div></td>"
            f"<td class=\"num\">{e['articles']}</td></tr>")
    out.append("<section><h2>Key events</h2>" + (
        "<table><thead><tr><th>date</th><th>type</th><th>who → to whom</th><th>status</th><th>evidence</th>"
        "<th class=\"num\">articles</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        if rows else '<p class="empty">No events in this selection.</p>') + "</section>")
    out.append("<section><h2>Timeline: events per month</h2>" + timeline_svg(events) + "</section>")
    out.append("<section><h2>Who acts on whom</h2>" + network_svg(data["network"], actor["id"] if actor else None)
               + "</section>")

    anonymous = ' <span class="chip">anonymous</span>'
    speakers = "".join(
        f"<tr><td>{_e(s['speaker'])}{anonymous if s['anonymous'] and not s['actor_id'] else ''}"
        f"</td><td class=\"muted small\">{_e(s['actor_id'] or '')}</td><td class=\"num\">{s['statements']}</td>"
        f"<td class=\"num\">{s['direct']}</td><td class=\"num\">{s['articles']}</td></tr>"
        for s in data["speakers"])
    out.append("<section><h2>Most-quoted speakers</h2>" + (
        "<table><thead><tr><th>speaker</th><th>actor id</th><th class=\"num\">statements</th>"
        "<th class=\"num\">direct quotes</th><th class=\"num\">articles</th></tr></thead><tbody>" + speakers
        + "</tbody></table>" if speakers else '<p class="empty">No statements in this selection.</p>') + "</section>")

    claims = []
    for s in data["contested"]:
        for relation in ("disputes", "supports"):
            other = s.get(f"{relation}_statement")
            if not other:
                continue
            claims.append(
                f"<div class=\"claim\"><div><blockquote>{_e(s['content'])}</blockquote>"
                f"<div class=\"small\"><b>{_e(s['speaker_name'] or s['speaker'] or 'unknown')}</b>"
                f" · {' → '.join(_e(c) for c in s['chain'])}</div></div>"
                f"<div class=\"rel {relation}\">{relation} →</div>"
                f"<div><blockquote>{_e(other['content'])}</blockquote><div class=\"small\"><b>"
                f"{_e(other['speaker'] or 'unknown')}</b></div></div></div>"
                f"<div class=\"muted small\">{_e(s['publisher'])} · {_e(_date(s['published']))} · {_e(s['headline'])}</div>")
    out.append("<section><h2>Contested claims</h2>" + ("".join(claims) or
               '<p class="empty">No statement in this selection disputes or supports another.</p>') + "</section>")

    sources = "".join(
        f"<tr><td class=\"small\">{_e(_date(a['published']))}</td><td>{_e(a['publisher'])}</td>"
        f"<td>{_e(a['headline'])}</td><td class=\"muted small\">{_e(a['id'][:12])}</td></tr>" for a in data["articles"])
    out.append("<section><h2>Articles</h2>" + (
        "<table><thead><tr><th>published</th><th>publisher</th><th>headline</th><th>id</th></tr></thead><tbody>"
        + sources + "</tbody></table>" if sources else '<p class="empty">No articles.</p>') + "</section>")
    out.append("</main><footer>Made with newsgraph from the articles listed above. Every event and statement"
               " was extracted automatically: check the evidence sentence before relying on it.</footer></body></html>")
    return "".join(out)


def write_report(store: Any, out: str | Path, *, actor: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, title: str | None = None) -> dict[str, int]:
    """Write the briefing to ``out``; returns what it counts."""
    data = collect(store, actor=actor, since=since, until=until)
    Path(out).write_text(render(data, title=title), encoding="utf-8")
    return {"events": len(data["events"]), "statements": len(data["statements"]), "articles": len(data["articles"]),
            "contested": len(data["contested"])}
