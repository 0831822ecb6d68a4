/**
 * The UI's only stylesheet and script, served from `/assets/`. System fonts; tables become cards on a narrow
 * screen; colours meet WCAG AA contrast in light and dark schemes.
 */
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --link: #0550ae;
  --ok-bg: #dafbe1; --ok-fg: #116329; --bad-bg: #ffebe9; --bad-fg: #a40e26; --warn-bg: #fff8c5; --warn-fg: #7d4e00;
  --t0-bg: #eaeef2; --t0-fg: #424a53; --t1-bg: #ddf4ff; --t1-fg: #0a3069; --t2-bg: #fff8c5; --t2-fg: #6c4400;
  --t3-bg: #fff1e5; --t3-fg: #953800; --t4-bg: #ffebe9; --t4-fg: #a40e26;
  --c0: #8c959f; --c1: #218bff; --c2: #d4a72c; --c3: #e16f24; --c4: #cf222e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --panel: #161b22; --link: #4493f8;
    --ok-bg: #12261e; --ok-fg: #3fb950; --bad-bg: #2d1214; --bad-fg: #ff7b72; --warn-bg: #272115; --warn-fg: #d29922;
    --t0-bg: #21262d; --t0-fg: #c9d1d9; --t1-bg: #0c2d6b; --t1-fg: #a5d6ff; --t2-bg: #341a00; --t2-fg: #f2cc60;
    --t3-bg: #3d1f00; --t3-fg: #ffa657; --t4-bg: #490202; --t4-fg: #ffa198;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--link); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
.top { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 0.75rem 1rem;
  border-bottom: 1px solid var(--line); background: var(--panel); }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); }
.top ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
.top a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 2px; }
.signed-in { margin-left: auto; color: var(--muted); font-size: 0.875rem; }
.signed-in input { padding: 0; border: 0; background: none; color: var(--link); text-decoration: underline;
  cursor: pointer; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
.muted { color: var(--muted); }
.small { font-size: 0.875rem; }
.strong { font-weight: 600; }
.empty { padding: 1rem; border: 1px dashed var(--line); border-radius: 6px; color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid var(--line); }
th { font-size: 0.875rem; color: var(--muted); font-weight: 600; }
.badge { display: inline-block; padding: 0 0.45rem; border-radius: 1rem; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
.ok { color: var(--ok-fg); } .badge.ok { background: var(--ok-bg); }
.bad, .error-text { color: var(--bad-fg); } .badge.bad { background: var(--bad-bg); }
.warn { color: var(--warn-fg); } .badge.warn { background: var(--warn-bg); }
.tone-0 { background: var(--t0-bg); color: var(--t0-fg); } .tone-1 { background: var(--t1-bg); color: var(--t1-fg); }
.tone-2 { background: var(--t2-bg); color: var(--t2-fg); } .tone-3 { background: var(--t3-bg); color: var(--t3-fg); }
.tone-4 { background: var(--t4-bg); color: var(--t4-fg); }
.status-live, .status-triage, .status-firing { color: var(--bad-fg); font-weight: 600; }
.status-closed, .status-learning, .status-resolved { color: var(--ok-fg); }
.level { font-weight: 700; } .level.none { color: var(--muted); font-weight: 400; }
.tag { display: inline-block; margin: 0 0.25rem 0.25rem 0; padding: 0 0.4rem; border: 1px solid var(--line); border-radius: 4px; font-size: 0.8rem; }
ul.plain { list-style: none; margin: 0; padding: 0; }
.details { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 1rem 0; }
.details dt { color: var(--muted); } .details dd { margin: 0; }
.figures { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0.5rem 0; }
.figures div { padding: 0.5rem 0.75rem; border: 1px solid var(--line); border-radius: 6px; min-width: 7rem; }
.figures dt { font-size: 0.8rem; color: var(--muted); } .figures dd { margin: 0; font-size: 1.3rem; font-weight: 600; }
.chart { margin: 0; } .chart svg { width: 100%; max-width: 40rem; height: auto; display: block; }
.chart text { fill: var(--muted); font-size: 12px; } .chart .total { fill: var(--fg); font-weight: 600; }
.chart line { stroke: var(--line); } .chart .axis { stroke: var(--muted); }
.chart rect.tone-0 { fill: var(--c0); } .chart rect.tone-1 { fill: var(--c1); } .chart rect.tone-2 { fill: var(--c2); }
.chart rect.tone-3 { fill: var(--c3); } .chart rect.tone-4 { fill: var(--c4); }
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0.25rem 0; font-size: 0.875rem; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; margin-right: 0.35rem; vertical-align: -0.05rem; }
.swatch.tone-0 { background: var(--c0); } .swatch.tone-1 { background: var(--c1); } .swatch.tone-2 { background: var(--c2); }
.swatch.tone-3 { background: var(--c3); } .swatch.tone-4 { background: var(--c4); }
.scorecard { border: 1px solid var(--line); border-radius: 6px; padding: 0 1rem 0.75rem; margin: 0.75rem 0; }
.rules { list-style: none; padding: 0; margin: 0.25rem 0; } .rule { padding: 0.35rem 0; border-top: 1px solid var(--line); }
.explanation { margin-left: 0.25rem; } .hint { font-size: 0.875rem; color: var(--muted); }
.next-level h4 { margin: 0.5rem 0 0.25rem; }
form.declare, form.filters { display: grid; gap: 0.75rem; max-width: 36rem; }
form.filters { max-width: none; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); align-items: end; margin-bottom: 1rem; }
.field { display: flex; flex-direction: column; gap: 0.25rem; border: 0; padding: 0; margin: 0; }
.field label, .field legend { font-weight: 600; font-size: 0.9rem; }
label.inline { font-weight: 400; display: inline-flex; gap: 0.35rem; align-items: center; margin-right: 1rem; }
input, select, textarea, button { font: inherit; color: inherit; }
input[type="text"], input[type="search"], input[type="date"], select, textarea {
  padding: 0.45rem 0.55rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); width: 100%; }
[aria-invalid="true"] { border-color: var(--bad-fg); outline: 1px solid var(--bad-fg); }
:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
button { padding: 0.5rem 1rem; border-radius: 6px; border: 1px solid var(--line); background: var(--panel); cursor: pointer; }
button.primary { background: #1f6feb; border-color: #1f6feb; color: #ffffff; font-weight: 600; justify-self: start; }
button[disabled] { opacity: 0.6; cursor: progress; }
.actions { display: flex; gap: 1rem; align-items: center; }
.field-error { color: var(--bad-fg); margin: 0; font-size: 0.875rem; }
.form-error { color: var(--bad-fg); background: var(--bad-bg); padding: 0.5rem 0.75rem; border-radius: 6px; }
.flash { background: var(--ok-bg); color: var(--ok-fg); padding: 0.6rem 0.9rem; border-radius: 6px; font-weight: 600; }
.pager { display: flex; flex-wrap: wrap; gap: 1rem; margin: 0.75rem 0; align-items: center; }
time, a.external { white-space: nowrap; }
.markdown { overflow-wrap: anywhere; margin: 0.5rem 0; }
/* Findings quote links and names as found (runbook and dashboard URLs): long ones wrap rather than widen the page. */
.findings { overflow-wrap: anywhere; }
.markdown > :first-child { margin-top: 0; } .markdown > :last-child { margin-bottom: 0; }
.markdown p, .markdown ul, .markdown ol { margin: 0.5rem 0; }
.markdown pre { overflow-x: auto; padding: 0.5rem 0.75rem; background: var(--panel); border-radius: 6px; }
.markdown blockquote { margin: 0.5rem 0; padding-left: 0.75rem; border-left: 3px solid var(--line); color: var(--muted); }
.markdown hr { border: 0; border-top: 1px solid var(--line); margin: 1rem 0; }
.markdown table { width: auto; } .markdown th, .markdown td { padding: 0.3rem 0.6rem; }
.markdown .align-right { text-align: right; } .markdown .align-center { text-align: center; }
ol.timeline > li { margin-bottom: 0.6rem; }
.update-message { margin: 0.25rem 0 0; }
ul.parts, ul.way-back { margin: 0.25rem 0 0.75rem; }
@media (min-width: 721px) {
  table.incidents td[data-label="Reference"], table.incidents td[data-label="Created"],
  table.incidents td[data-label="Resolved"], table.incidents td[data-label="Took"],
  table.changes td[data-label="When"] { white-space: nowrap; }
}
@media (max-width: 720px) {
  main { padding: 0.75rem; }
  table, thead, tbody, tr, th, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 0.75rem; padding: 0.25rem 0.75rem; }
  td { border: 0; padding: 0.3rem 0 0.3rem 8.5rem; position: relative; min-height: 2rem; overflow-wrap: anywhere; }
  td::before { content: attr(data-label); position: absolute; left: 0; width: 8rem; color: var(--muted);
    font-size: 0.85rem; font-weight: 600; }
  .chart text { font-size: 18px; }
  .details { grid-template-columns: 1fr; } .details dd { margin-bottom: 0.5rem; }
  .markdown { overflow-x: auto; }
  .markdown table { display: table; } .markdown tbody { display: table-row-group; }
  .markdown thead { display: table-header-group; position: static; width: auto; height: auto; clip: auto; }
  .markdown tr { display: table-row; border: 0; margin: 0; padding: 0; }
  .markdown th, .markdown td { display: table-cell; padding: 0.3rem 0.6rem; min-height: 0; border-bottom: 1px solid var(--line); }
  .markdown td::before { content: none; }
}
`;

/** Progressive enhancement: a submitted form's button is disabled, so a double click sends it once. */
export const SCRIPT = `document.addEventListener("submit", function (event) {
  var button = event.target.querySelector("button[type=submit]");
  if (button && event.target.method === "post") { button.disabled = true; button.textContent = "Declaring…"; }
});
`;
