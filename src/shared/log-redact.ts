/**
 * The fields a log line never shows: pino replaces their values with `[redacted]` wherever they sit, at the top
 * of a line or up to three objects deep (an error's `headers.authorization`, a request's `headers.cookie`).
 * Matched by exact name, not by content: a secret inside a message is kept out where the message is made (the client
 * redacts its errors; the hub's config errors name variables, never values).
 */
const SECRET_KEYS = [
  // Headers as HTTP libraries keep them (lower case) and as people and dumps write them.
  "authorization",
  "Authorization",
  "proxy-authorization",
  "Proxy-Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "Set-Cookie",
  "x-api-key",
  "X-Api-Key",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "idToken",
  "id_token",
  "adminToken",
  "admin_token",
  "apiKey",
  "api_key",
  "password",
  "secret",
  "clientSecret",
  "client_secret",
  "webhookSecret",
  "webhook_secret",
  "signingSecret",
] as const;

/** How many objects deep a secret is looked for: `*.*.*.token` is as far as the hub's errors nest. */
const DEPTH = 3;

/** One key under `depth` wildcards, in bracket notation when it is not an identifier (`*["set-cookie"]`). */
function pathOf(key: string, depth: number): string {
  const prefix = Array.from({ length: depth }, () => "*").join(".");
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${prefix}["${key}"]`;
  return prefix === "" ? key : `${prefix}.${key}`;
}

/** pino's `redact.paths`: each secret key at the top and under one to `DEPTH` wildcards. */
export const REDACTED_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) =>
  Array.from({ length: DEPTH + 1 }, (_, depth) => pathOf(key, depth)),
);

export const REDACTED = "[redacted]";
