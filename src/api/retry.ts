/** When and whether to try a request again. Pure functions, so the policy is testable without a server. */

export const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Retry-After as seconds (`"3"`, `"1.5"`) or an HTTP date, as milliseconds from `now`; undefined if unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The 429 body's `rate_limit.retry_after` (RFC 3339) as milliseconds from `now`. */
export function retryAfterFromBody(body: unknown, now: number): number | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const rateLimit = (body as { rate_limit?: unknown }).rate_limit;
  if (rateLimit === null || typeof rateLimit !== "object") return undefined;
  const retryAfter = (rateLimit as { retry_after?: unknown }).retry_after;
  if (typeof retryAfter !== "string") return undefined;
  const at = Date.parse(retryAfter);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Whether a failed attempt may be repeated. A 429 was refused before any work, so any method may retry it. A 5xx,
 * timeout or lost connection may have done the work: only reads, and creates made safe by an idempotency key.
 */
export function mayRetry(
  method: string,
  idempotent: boolean,
  failure: { status: number } | { network: true },
): boolean {
  if ("status" in failure) {
    if (failure.status === 429) return true;
    if (!RETRYABLE_STATUSES.has(failure.status)) return false;
  }
  const m = method.toUpperCase();
  return m === "GET" || m === "HEAD" || idempotent;
}
