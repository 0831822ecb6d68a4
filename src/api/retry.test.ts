import { describe, expect, it } from "vitest";
import { mayRetry, parseRetryAfter, retryAfterFromBody } from "./retry.js";

const now = Date.parse("2026-01-01T00:00:00Z");

describe("retry policy", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("0.5", now)).toBe(500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:04 GMT", now)).toBe(4000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("reads rate_limit.retry_after from a 429 body", () => {
    expect(retryAfterFromBody({ rate_limit: { retry_after: "2026-01-01T00:00:09Z" } }, now)).toBe(9000);
    expect(retryAfterFromBody({ rate_limit: {} }, now)).toBeUndefined();
    expect(retryAfterFromBody("text", now)).toBeUndefined();
  });

  it("retries writes only where safe", () => {
    expect(mayRetry("POST", false, { status: 429 })).toBe(true);
    expect(mayRetry("POST", false, { status: 500 })).toBe(false);
    expect(mayRetry("POST", false, { network: true })).toBe(false);
    expect(mayRetry("POST", true, { status: 503 })).toBe(true);
    expect(mayRetry("PUT", false, { status: 502 })).toBe(false);
    expect(mayRetry("GET", false, { network: true })).toBe(true);
    expect(mayRetry("GET", false, { status: 504 })).toBe(true);
    expect(mayRetry("GET", false, { status: 501 })).toBe(false);
    expect(mayRetry("GET", false, { status: 404 })).toBe(false);
  });
});
