/**
 * Removes secrets from text before it reaches a message, a log line or a debug event.
 * Known secrets (the caller's API key) are removed wherever they occur; the patterns catch keys we were not told
 * about, e.g. a server echoing another token, or a header dump.
 */
const PATTERNS: RegExp[] = [
  // An Authorization header in any dump form: "Authorization: Bearer x", "authorization":"Basic x".
  /(authorization["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^\s"',;}]+/gi,
  /\bbearer\s+[A-Za-z0-9._~+/=-]+/gi,
  // incident.io API key tokens: inc_ followed by hex or other token characters.
  /\binc_[A-Za-z0-9_-]{4,}/g,
];

export const REDACTED = "[redacted]";

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would shred ordinary text; real keys are long.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(PATTERNS[0] as RegExp, (_match, prefix: string) => `${prefix}${REDACTED}`);
  out = out.replace(PATTERNS[1] as RegExp, `Bearer ${REDACTED}`);
  out = out.replace(PATTERNS[2] as RegExp, REDACTED);
  return out;
}

/** Redacts every string inside a JSON-like value (for debug events that carry bodies). */
export function redactValue(value: unknown, secrets: readonly string[] = []): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = /^(authorization|api_?key|token|secret|password)$/i.test(key)
        ? REDACTED
        : redactValue(item, secrets);
    }
    return out;
  }
  return value;
}
