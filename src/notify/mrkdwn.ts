/**
 * Text for Slack's mrkdwn, made safe: Slack reads `<…>` as a link or a mention (`<!channel>`, `<@U123>`,
 * `<https://evil|click>`), so every `&`, `<` and `>` that comes from incident data is escaped, as Slack asks
 * (`&amp;`, `&lt;`, `&gt;`). Links are made here only, from URLs that are http(s).
 */

export const ELLIPSIS = "…";

/** Incident text as mrkdwn that cannot mention anyone or link anywhere. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A link `<url|label>`, the label escaped. A URL that is not http(s), or that cannot be read, gives the label
 * alone: a link of our own making must not become a `javascript:` or `slack://` link.
 */
export function mrkdwnLink(url: string | null | undefined, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, "¦");
  if (!url) return safeLabel;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return safeLabel;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return safeLabel;
  // The URL's own `|` and `>` would end the link early; `&` and `<` are escaped as Slack asks.
  const href = escapeMrkdwn(parsed.href).replace(/\|/g, "%7C");
  return `<${href}|${safeLabel}>`;
}

/**
 * `text` escaped, at most `limit` characters once escaped; when cut, it ends with "…" and `note(n)` (n: the
 * characters of the original left out). Never cuts inside an escape or a surrogate pair.
 */
export function truncateEscaped(
  text: string,
  limit: number,
  note: (leftOut: number) => string = () => "",
): string {
  const whole = escapeMrkdwn(text);
  if (whole.length <= limit) return whole;
  const chars = Array.from(text);
  // The note depends on how much is left out, so it is sized for the worst case: all of it.
  const suffix = `${ELLIPSIS}${note(chars.length)}`;
  const room = Math.max(0, limit - suffix.length);
  let out = "";
  let kept = 0;
  for (const char of chars) {
    const escaped = escapeMrkdwn(char);
    if (out.length + escaped.length > room) break;
    out += escaped;
    kept++;
  }
  return `${out.trimEnd()}${ELLIPSIS}${note(chars.length - kept)}`;
}

/** Plain text (Slack's `plain_text`: shown as is, never parsed) of at most `limit` characters, "…" when cut. */
export function truncatePlain(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let out = "";
  for (const char of text) {
    if (out.length + char.length > limit - ELLIPSIS.length) break;
    out += char;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/**
 * Lines of mrkdwn (each already safe) joined by newlines, at most `limit` characters: whole lines are kept while
 * they fit, the rest replaced by `leftOut(n)` (n: the lines left out). A first line that alone is too long is cut.
 */
export function fitLines(
  lines: readonly string[],
  limit: number,
  leftOut: (count: number) => string,
): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index - 1;
    const tail = rest > 0 ? `\n${leftOut(rest)}`.length : 0;
    const added = (kept.length > 0 ? 1 : 0) + line.length;
    if (length + added + tail <= limit) {
      kept.push(line);
      length += added;
      continue;
    }
    const note = leftOut(lines.length - index);
    if (kept.length === 0) return truncateSafe(line, limit - note.length - 1, note);
    return `${kept.join("\n")}\n${note}`;
  }
  return kept.join("\n");
}

/** Cuts already-escaped mrkdwn without breaking an `&…;` escape or a `<…>` link, then adds `note`. */
function truncateSafe(line: string, room: number, note: string): string {
  let cut = Math.max(0, room - ELLIPSIS.length);
  const openLink = line.lastIndexOf("<", cut);
  if (openLink >= 0 && line.indexOf(">", openLink) >= cut) cut = openLink;
  const amp = line.lastIndexOf("&", cut);
  if (amp >= 0 && line.indexOf(";", amp) >= cut) cut = amp;
  const code = line.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${line.slice(0, cut).trimEnd()}${ELLIPSIS}\n${note}`;
}
