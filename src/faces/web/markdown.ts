import MarkdownIt from "markdown-it";

/**
 * Markdown written elsewhere (incident summaries and updates, in incident.io or by anyone with an API key) as
 * HTML for the UI's pages. It is outside text, so the renderer is strict:
 *
 * - raw HTML is never passed through: `<script>`, `<img onerror>` and the like show as the text they are;
 * - links go to absolute http(s) addresses only (`javascript:`, `data:`, `vbscript:`, relative paths and
 *   protocol-relative `//host` stay text), each with `rel="noopener noreferrer nofollow"`;
 * - images are never loaded (a summary could otherwise make every reader's browser call a tracking server): an
 *   image is shown as a link to it, labelled with its alt text;
 * - bare addresses become links only when written with `http://` or `https://` (not `example.com` or e-mail
 *   addresses);
 * - no inline style: table alignment becomes a class, so the pages' Content-Security-Policy (no inline style)
 *   holds without the browser reporting violations;
 * - headings start at level 3, under the page's own h1 and sections' h2.
 */
const md = new MarkdownIt("default", {
  html: false,
  linkify: true,
  typographer: false,
  // incident.io shows a summary's single line breaks as breaks; so do we.
  breaks: true,
  // Far more than any summary nests; a hostile one cannot make rendering recurse deeply.
  maxNesting: 20,
});
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

const REL = "noopener noreferrer nofollow";
/** The longest text rendered; incident.io's summaries are far shorter, so only a hostile one is cut. */
export const MAX_MARKDOWN_CHARS = 100_000;
/** The heading level a summary's `#` becomes. */
const TOP_HEADING = 3;

/** Whether `url` (as markdown-it normalised it) is an absolute http(s) address. */
export function isWebLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // `new URL` also accepts a scheme-less `//host` only with a base; without one, it must have named its scheme.
  return (parsed.protocol === "https:" || parsed.protocol === "http:") && /^https?:\/\//i.test(url);
}
md.validateLink = isWebLink;

md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]?.attrSet("rel", REL);
  return self.renderToken(tokens, index, options);
};

md.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const src = String(token?.attrGet("src") ?? "");
  const alt = token ? self.renderInlineAsText(token.children ?? [], options, env).trim() : "";
  const label = md.utils.escapeHtml(alt === "" ? "image" : alt);
  return `<a href="${md.utils.escapeHtml(src)}" rel="${REL}" class="md-image">${label} (image)</a>`;
};

md.renderer.rules.heading_open = (tokens, index, options, _env, self) => {
  const token = tokens[index];
  if (token) token.tag = shiftedHeading(token.tag);
  return self.renderToken(tokens, index, options);
};
md.renderer.rules.heading_close = md.renderer.rules.heading_open;

const ALIGN = /^text-align:(left|right|center)$/;
for (const rule of ["th_open", "td_open"] as const) {
  md.renderer.rules[rule] = (tokens, index, options, _env, self) => {
    const token = tokens[index];
    const align = token ? ALIGN.exec(String(token.attrGet("style") ?? ""))?.[1] : undefined;
    if (token?.attrs) token.attrs = token.attrs.filter(([name]) => name !== "style");
    if (token && align) token.attrJoin("class", `align-${align}`);
    return self.renderToken(tokens, index, options);
  };
}

/** `h1` → `h3`, `h2` → `h4`, …, at most `h6`. */
function shiftedHeading(tag: string): string {
  const level = Number(tag.slice(1));
  return Number.isInteger(level) ? `h${Math.min(6, level + TOP_HEADING - 1)}` : tag;
}

/** The Markdown as safe HTML (see above); text past `MAX_MARKDOWN_CHARS` is left out, and says so. */
export function renderMarkdown(text: string): string {
  const cut = text.length > MAX_MARKDOWN_CHARS;
  const html = md.render(cut ? text.slice(0, MAX_MARKDOWN_CHARS) : text);
  return cut
    ? `${html}<p class="muted small">(cut at ${MAX_MARKDOWN_CHARS.toLocaleString("en")} characters)</p>`
    : html;
}
