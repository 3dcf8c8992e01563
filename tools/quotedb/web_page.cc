// The web page of `quotedb serve`: one HTML document with its CSS and JS inline, so the
// binary serves it with no build step and the browser needs no network beyond the server.
// Views (in the URL hash, so every view can be linked): #/search?q=, #/speaker?name=,
// #/statement?id=ARTICLE:ORDINAL&spans=B-E,..., #/contradictions?speaker=&topic=,
// #/check?text=&speaker=, #/attributions, #/speakers?name=. "/?q=words" opens a search.
#include "server.h"

namespace quotedb::cli {

namespace {

constexpr std::string_view kPage = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>quotedb</title>
<style>
:root { --ink:#1d2330; --mute:#5d6675; --line:#dfe3ea; --bg:#f7f8fa; --acc:#1f5fbf;
        --for:#e9f5ec; --against:#fbecec; --mark:#fff1a8; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--ink); background:var(--bg); }
header { background:#fff; border-bottom:1px solid var(--line); padding:.6rem 1.2rem; display:flex; gap:1.2rem; align-items:center; flex-wrap:wrap; }
header b { font-size:1.15rem; }
header nav a { margin-right:.9rem; }
#stats { color:var(--mute); font-size:.85rem; margin-left:auto; }
main { max-width:1100px; margin:0 auto; padding:1rem 1.2rem 3rem; }
a { color:var(--acc); text-decoration:none; } a:hover { text-decoration:underline; }
form.bar { display:flex; gap:.5rem; flex-wrap:wrap; margin:.5rem 0 1rem; }
form.bar input { flex:1 1 16rem; padding:.55rem .7rem; font-size:1rem; border:1px solid #b9c0cc; border-radius:6px; }
form.bar button, button.more { padding:.55rem 1rem; font-size:1rem; border:0; border-radius:6px; background:var(--acc); color:#fff; cursor:pointer; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:.7rem .9rem; margin:.6rem 0; }
blockquote { margin:0 0 .35rem; font-size:1.05rem; }
.meta { color:var(--mute); font-size:.88rem; }
.meta a { margin-left:.6rem; }
.who { font-weight:600; }
.tag { display:inline-block; font-size:.75rem; padding:0 .45rem; border-radius:9px; background:#eef1f6; color:var(--mute); margin-right:.3rem; }
.verdict { font-size:1.3rem; font-weight:700; padding:.2rem .7rem; border-radius:6px; display:inline-block; }
.v-confirmed { background:var(--for); } .v-misattributed, .v-not-found { background:var(--against); } .v-altered { background:var(--mark); }
.sides { display:grid; grid-template-columns:1fr 1fr; gap:.8rem; }
.side h4 { margin:.3rem 0; } .side.for .card { background:var(--for); } .side.against .card { background:var(--against); }
.timeline { border-left:3px solid var(--line); margin-left:.4rem; padding-left:1rem; }
.timeline .day { font-weight:600; color:var(--mute); margin-top:.8rem; position:relative; }
.timeline .day::before { content:""; position:absolute; left:-1.45rem; top:.45rem; width:.7rem; height:.7rem; border-radius:50%; background:var(--acc); }
.context p { margin:.6rem 0; } .context .far { color:var(--mute); }
mark { background:var(--mark); padding:0 .1rem; }
del { background:var(--against); } ins { background:var(--for); text-decoration:none; }
.err { color:#a01818; } .empty { color:var(--mute); }
table { border-collapse:collapse; width:100%; } td, th { text-align:left; padding:.3rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
@media (max-width:720px) { .sides { grid-template-columns:1fr; } }
</style>
</head>
<body>
<header><b><a href="#/">quotedb</a></b>
<nav><a href="#/">Who said it?</a><a href="#/speakers">Speakers</a><a href="#/contradictions">Contradictions</a><a href="#/check">Cross-check</a><a href="#/attributions">Misattributions</a></nav>
<span id="stats"></span></header>
<main id="view"></main>
<script>
"use strict";
const view = document.getElementById("view");
const seen = new Map();  // statement id -> record, for the statement view

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids.flat(Infinity)) if (k !== null && k !== undefined && k !== false)
    e.append(k instanceof Node ? k : String(k));
  return e;
}
function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) u.set(k, v);
  return u.toString();
}
async function api(path, params) {
  const r = await fetch("/api/" + path + (params ? "?" + qs(params) : ""));
  const j = await r.json().catch(() => ({error: "bad response (" + r.status + ")"}));
  if (!r.ok) throw new Error(j.error || ("HTTP " + r.status));
  return j;
}
function go(route, params) { location.hash = "#/" + route + (params ? "?" + qs(params) : ""); }
function show(...kids) { view.replaceChildren(...kids.flat(Infinity).filter(k => k !== null && k !== undefined && k !== false)); }
function fail(e) { return el("p", {class: "err"}, "Error: " + e.message); }
function done() { document.body.setAttribute("data-ready", "1"); }

function speakerLink(name) { return name ? el("a", {class: "who", href: "#/speaker?" + qs({name})}, name) : el("span", {class: "who"}, "(unattributed)"); }
function spansParam(s) { return (s.spans || []).map(p => p[0] + "-" + p[1]).join(","); }

// One statement: the words, who, where and when, and the way to its context and source.
function card(s, extra) {
  seen.set(s.id, s);
  const who = (s.speakers && s.speakers.length) ? s.speakers.map((n, i) => [i ? (i + 1 === s.speakers.length ? " and " : ", ") : "", speakerLink(n)]) : [speakerLink(null)];
  const sources = (s.sources && s.sources.length) ? s.sources.join(", ") : (s.source || "unknown source");
  return el("div", {class: "card"},
    el("blockquote", {}, s.quote),
    el("div", {class: "meta"}, "— ", who, " · ", sources, " · ", s.date || "date unknown", " ",
      el("span", {class: "tag"}, s.kind), extra || null,
      el("a", {href: "#/statement?" + qs({id: s.id, spans: spansParam(s)})}, "in context"),
      s.url ? el("a", {href: s.url, rel: "noopener noreferrer", target: "_blank"}, "source ↗") : null));
}

// A list with a "more" button that follows next_cursor.
function pagedList(fetchPage, render, emptyText) {
  const box = el("div", {});
  async function load(cursor) {
    try {
      const page = await fetchPage(cursor);
      if (!cursor && page.results.length === 0) box.append(el("p", {class: "empty"}, emptyText));
      for (const r of page.results) box.append(render(r));
      if (page.next_cursor) {
        const b = el("button", {class: "more", onclick: () => { b.remove(); load(page.next_cursor); }}, "More");
        box.append(b);
      }
    } catch (e) { box.append(fail(e)); }
    done();
  }
  load("");
  return box;
}

function searchForm(fields, onsubmit) {
  const inputs = fields.map(f => el("input", {name: f.name, placeholder: f.placeholder, value: f.value || "", "aria-label": f.placeholder}));
  const form = el("form", {class: "bar", onsubmit: (ev) => { ev.preventDefault(); const v = {}; inputs.forEach(i => v[i.name] = i.value.trim()); onsubmit(v); }},
    inputs, el("button", {type: "submit"}, "Search"));
  return form;
}

const views = {
  async search(p) {
    const q = p.get("q") || "";
    const parts = [el("h2", {}, "Who said these words?"),
      searchForm([{name: "q", placeholder: "words of a quote, e.g. nothing is off the table", value: q}], v => go("search", v))];
    if (!q) { show(parts, el("p", {class: "empty"}, "Type some words of a quote: exact matches come first, then statements that contain the words in order.")); done(); return; }
    const people = el("p", {class: "meta"});
    api("speakers", {name: q, limit: 5}).then(r => { if (r.results.length) people.append("Speakers named so: ", r.results.map((s, i) => [i ? ", " : "", speakerLink(s.name)])); }).catch(() => {});
    show(parts, people, pagedList(c => api("who-said", {text: q, cursor: c, limit: 20}), s => card(s, s.exact ? el("span", {class: "tag"}, "exact") : null), "Nobody is recorded saying these words."));
  },
  async speakers(p) {
    const name = p.get("name") || "";
    show(el("h2", {}, "Speakers"), searchForm([{name: "name", placeholder: "name, alias or surname", value: name}], v => go("speakers", v)),
      pagedList(c => api("speakers", {name, cursor: c, limit: 50}), s => el("div", {class: "card"}, speakerLink(s.name), " ",
        el("span", {class: "tag"}, s.kind), el("span", {class: "meta"}, s.statements + " statements", s.titles.length ? " · " + s.titles.join("; ") : "")), "No speaker found."));
  },
  async speaker(p) {
    const name = p.get("name") || "";
    const head = el("div", {});
    show(head, el("h3", {}, "Statements on a timeline"), pagedList(c => api("quotes", {speaker: name, cursor: c, limit: 50}), timelineEntry(), "No statements stored."));
    try {
      const r = await api("speakers", {name, limit: 10});
      const s = r.results.find(x => x.name.toLowerCase() === name.toLowerCase()) || r.results[0];
      if (!s) { head.append(el("h2", {}, name), el("p", {class: "empty"}, "No such speaker.")); return; }
      const row = (label, list) => list && list.length ? el("tr", {}, el("th", {}, label), el("td", {}, list.join("; "))) : null;
      head.append(el("h2", {}, s.name, " ", el("span", {class: "tag"}, s.kind)),
        el("table", {}, row("Also called", s.aliases), row("Roles", s.titles), row("Affiliations", s.affiliations),
          s.wikidata ? el("tr", {}, el("th", {}, "Wikidata"), el("td", {}, s.wikidata)) : null,
          el("tr", {}, el("th", {}, "Statements"), el("td", {}, String(s.statements)))),
        el("p", {}, el("a", {href: "#/contradictions?" + qs({speaker: s.name})}, "Contradictions involving " + s.name)));
    } catch (e) { head.append(fail(e)); }
  },
  async statement(p) {
    const id = p.get("id") || "", spans = (p.get("spans") || "").split(",").filter(Boolean).map(x => x.split("-").map(Number));
    const article = id.split(":")[0];
    const s = seen.get(id);
    try {
      const a = await api("article", {id: article});
      const bytes = new TextEncoder().encode(a.text), dec = new TextDecoder();
      const begin = spans.length ? spans[0][0] : 0, end = spans.length ? spans[spans.length - 1][1] : 0;
      // Paragraph bounds (newlines) around the statement, one paragraph either side.
      let pb = begin; while (pb > 0 && bytes[pb - 1] !== 10) pb--;
      let pe = end; while (pe < bytes.length && bytes[pe] !== 10) pe++;
      let before = pb > 0 ? pb - 1 : 0; while (before > 0 && bytes[before - 1] !== 10) before--;
      let after = pe < bytes.length ? pe + 1 : pe; while (after < bytes.length && bytes[after] !== 10) after++;
      const para = el("p", {});
      let at = pb;
      for (const [b, e] of spans) {
        if (b < at || e > bytes.length) continue;
        para.append(dec.decode(bytes.slice(at, b)), el("mark", {}, dec.decode(bytes.slice(b, e))));
        at = e;
      }
      para.append(dec.decode(bytes.slice(at, pe)));
      const whole = el("pre", {style: "white-space:pre-wrap;display:none"}, a.text);
      show(el("h2", {}, a.title || "(untitled)"),
        el("p", {class: "meta"}, a.source || "unknown source", " · ", a.date || "date unknown", a.url ? el("a", {href: a.url, rel: "noopener noreferrer", target: "_blank"}, "read it at the source ↗") : el("span", {}, " · " + (a.file || ""))),
        s ? card(s) : null,
        el("div", {class: "card context"},
          before < pb ? el("p", {class: "far"}, dec.decode(bytes.slice(before, pb - 1))) : null, para,
          after > pe + 1 ? el("p", {class: "far"}, dec.decode(bytes.slice(pe + 1, after))) : null),
        el("button", {class: "more", onclick: () => { whole.style.display = "block"; }}, "Whole article"), whole);
    } catch (e) { show(fail(e)); }
    done();
  },
  async contradictions(p) {
    const speaker = p.get("speaker") || "", topic = p.get("topic") || "";
    show(el("h2", {}, "Who contradicts whom"),
      searchForm([{name: "speaker", placeholder: "speaker (optional)", value: speaker}, {name: "topic", placeholder: "topic words (optional)", value: topic}], v => go("contradictions", v)),
      pagedList(c => api("contradictions", {speaker, topic, cursor: c, limit: 10}), finding, "No contradictions found."));
  },
  async check(p) {
    const text = p.get("text") || "", speaker = p.get("speaker") || "";
    const parts = [el("h2", {}, "Is this quote real, and really theirs?"),
      searchForm([{name: "text", placeholder: "the quote", value: text}, {name: "speaker", placeholder: "attributed to (optional)", value: speaker}], v => go("check", v))];
    if (!text) { show(parts); done(); return; }
    show(parts, el("p", {class: "empty"}, "Checking…"));
    try {
      const r = await api("check", {text, speaker});
      show(parts, el("p", {}, el("span", {class: "verdict v-" + r.verdict}, r.verdict)),
        r.speakers.length ? [el("h3", {}, r.statements.length ? "Attributions" : "Speakers of the variants"), evidenceTable(r.speakers)] : null,
        r.statements.length ? [el("h3", {}, "Statements"), r.statements.map(s => card(s))] : null,
        r.variants.length ? [el("h3", {}, "Near variants"), r.variants.map(variant)] : null);
    } catch (e) { show(parts, fail(e)); }
    done();
  },
  async attributions() {
    show(el("h2", {}, "Misattributed and altered quotes"),
      pagedList(c => api("attributions", {cursor: c, limit: 10}), f => el("div", {class: "card"},
        el("p", {}, el("span", {class: "verdict v-" + f.kind}, f.kind), " ", el("span", {class: "meta"}, "score " + f.score)),
        el("blockquote", {}, f.quote), evidenceTable(f.speakers),
        f.variants.map(variant)), "Nothing misattributed or altered found."));
  },
};

function timelineEntry() {
  let last = null;
  return s => {
    const day = s.date || "date unknown";
    const out = el("div", {});
    if (day !== last) { out.append(el("div", {class: "day"}, day)); last = day; }
    out.append(card(s));
    return out;
  };
}
function evidenceTable(list) {
  return el("table", {}, el("tr", {}, el("th", {}, "Speaker"), el("th", {}, "Sources"), el("th", {}, "Independent"), el("th", {}, "First seen")),
    list.map(ev => el("tr", {}, el("td", {}, speakerLink(ev.speaker), ev.claimed ? el("span", {class: "tag"}, "claimed") : null),
      el("td", {}, ev.sources.join(", ")), el("td", {}, String(ev.independent_sources)), el("td", {}, ev.first_seen || ""))));
}
function variant(v) {
  const diff = el("p", {});
  for (const e of v.edits) diff.append(e.op === "=" ? e.text : el(e.op === "-" ? "del" : "ins", {}, e.text), " ");
  return el("div", {}, el("p", {class: "meta"}, "similarity " + v.similarity + ": "), diff, card(v.statement));
}
function finding(f) {
  const side = (cls, title, list) => el("div", {class: "side " + cls}, el("h4", {}, title),
    list.map(s => card(s, el("span", {class: "tag"}, [s.role, s.polarity, s.modality].filter(Boolean).join(", ")))));
  return el("div", {class: "card finding"},
    el("p", {}, el("span", {class: "tag"}, f.kind), " ", el("b", {}, f.proposition), " ", el("span", {class: "meta"}, "score " + f.score)),
    el("div", {class: "sides"}, side("for", "For", f.for), side("against", "Against", f.against)));
}

async function route() {
  document.body.removeAttribute("data-ready");
  const h = location.hash.replace(/^#\/?/, "");
  const [name, query] = [h.split("?")[0], h.includes("?") ? h.slice(h.indexOf("?") + 1) : ""];
  const fn = views[name] || views.search;
  try { await fn(new URLSearchParams(query)); } catch (e) { show(fail(e)); done(); }
}

// "/?q=words", "/?speaker=Name", "/?view=contradictions" open the matching view.
(function start() {
  const p = new URLSearchParams(location.search);
  if (!location.hash) {
    if (p.get("q")) history.replaceState(null, "", "#/search?" + qs({q: p.get("q")}));
    else if (p.get("speaker")) history.replaceState(null, "", "#/speaker?" + qs({name: p.get("speaker")}));
    else if (p.get("view")) history.replaceState(null, "", "#/" + p.get("view"));
  }
  window.addEventListener("hashchange", route);
  route();
  api("stats").then(s => { document.getElementById("stats").textContent =
    s.articles + " articles · " + s.statements + " statements · " + s.speakers + " speakers · " + s.sources + " sources"; }).catch(() => {});
})();
</script>
</body>
</html>
)html";

}  // namespace

std::string_view WebPage() { return kPage; }

}  // namespace quotedb::cli
