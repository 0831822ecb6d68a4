import { REDACTED, redact } from "../api/redact.js";

/**
 * Removes Slack secrets from text before it reaches an error, a log line or an event: the webhook URL (whose
 * path is the secret) and bot or app tokens, both the ones we were given and any that look like them.
 */
const SLACK_PATTERNS: [RegExp, string][] = [
  [/\bhttps?:\/\/hooks\.slack(?:-gov)?\.com\/[^\s"'<>]*/gi, `https://hooks.slack.com/${REDACTED}`],
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]+/g, REDACTED],
];

export function redactSlack(text: string, secrets: readonly string[] = []): string {
  const known = secrets.flatMap(secretForms);
  let out = redact(text, known);
  for (const [pattern, replacement] of SLACK_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A secret and the forms it may be echoed in: a URL also by its path, and percent-encoded. */
function secretForms(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret)];
  try {
    const url = new URL(secret);
    if (url.pathname.length > 1) forms.push(url.pathname, `${url.pathname}${url.search}`);
  } catch {
    // Not a URL: a token.
  }
  return forms.sort((a, b) => b.length - a.length);
}
