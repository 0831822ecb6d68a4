/**
 * Characters that start Markdown syntax that could mislead: links and images (`[`, `]`), emphasis, code, HTML
 * and autolinks (`<`), tables. Without brackets there is no link or image, so `(`, `!` and `.` stay as written.
 */
const SPECIAL = /[\\`*_{}[\]<>|~]/g;

/**
 * Outside text made inert in Markdown: every character that could start a link, an image, emphasis or HTML is
 * escaped, so a sender's text reads as written and cannot turn into a phishing link or a tracking image.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, (character) => `\\${character}`);
}

/**
 * An outside URL made safe as a Markdown link's destination: http or https only (undefined otherwise), with the
 * characters that could end the destination early or start another (parentheses, spaces, angle brackets)
 * percent-encoded, so `https://x.example/a)[login](https://evil.example` stays one link to one place.
 */
export function markdownUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  return parsed.href.replace(
    /[()<> ]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Text cut to `max` characters, ending in "…" when cut. */
export function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
