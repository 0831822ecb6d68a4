import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../shared/clock.js";
import { ConfigError, IncidentIoApiError } from "./errors.js";
import { PACING_RESERVE } from "./rate-limiter.js";
import { failure } from "./testing/harness.js";
import { ScriptedServer } from "./testing/scripted-server.js";
import { type RequestEvent, Transport, type TransportOptions } from "./transport.js";

const KEY = `inc_${"a1".repeat(32)}`;
const server = new ScriptedServer();

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.close();
});

function transport(overrides: Partial<TransportOptions> = {}) {
  const clock = new ManualClock(Date.parse("2026-03-01T12:00:00Z"));
  const events: RequestEvent[] = [];
  const t = new Transport({
    apiKey: KEY,
    baseUrl: server.url,
    clock,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...overrides,
  });
  return { t, clock, events, start: clock.now() };
}

const tooMany = (extra: Record<string, unknown> = {}) => ({
  type: "too_many_requests",
  status: 429,
  request_id: "req-429",
  errors: [{ code: "too_many_requests", message: "Too many requests hit the API too quickly." }],
  ...extra,
});

describe("Transport", () => {
  it("sends the key as a bearer token and returns the parsed JSON", async () => {
    server.reply({ body: { severities: [] } });
    const { t } = transport();
    const res = await t.request("GET", "/v1/severities", { query: { a: "b c" } });
    expect(res.body).toEqual({ severities: [] });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[0]?.url).toBe("/v1/severities?a=b%20c");
  });

  it("retries a 429 after the Retry-After seconds", async () => {
    server.reply({ status: 429, headers: { "retry-after": "3" }, body: tooMany() }, { body: { ok: 1 } });
    const { t, clock, events, start } = transport();
    await expect(t.request("GET", "/v1/severities")).resolves.toMatchObject({ status: 200 });
    expect(server.requests).toHaveLength(2);
    expect(clock.now() - start).toBe(3000);
    expect(events.map((e) => [e.status, e.attempt, e.retryInMs])).toEqual([
      [429, 1, 3000],
      [200, 2, undefined],
    ]);
  });

  it("retries a 429 after a Retry-After HTTP date", async () => {
    const { t, clock, start } = transport();
    server.reply(
      { status: 429, headers: { "retry-after": new Date(start + 7000).toUTCString() }, body: tooMany() },
      { body: {} },
    );
    await t.request("GET", "/v1/severities");
    expect(clock.now() - start).toBe(7000);
  });

  it("falls back to the body's rate_limit.retry_after", async () => {
    const { t, clock, start } = transport();
    const retryAfter = new Date(start + 12_000).toISOString();
    server.reply(
      {
        status: 429,
        body: tooMany({ rate_limit: { name: "k", limit: 1200, remaining: 0, retry_after: retryAfter } }),
      },
      {
        body: {},
      },
    );
    await t.request("GET", "/v1/severities");
    expect(clock.now() - start).toBe(12_000);
  });

  it("retries a GET on 5xx with jittered exponential backoff", async () => {
    server.reply({ status: 503 }, { status: 502, body: "bad gateway" }, { body: { fine: true } });
    const { t, events } = transport();
    await expect(t.request("GET", "/v2/incidents")).resolves.toMatchObject({ body: { fine: true } });
    // random() = 0.5: half of 500 ms, then half of 1000 ms.
    expect(events.map((e) => e.retryInMs)).toEqual([250, 500, undefined]);
  });

  it("does not retry a write without an idempotency key on 5xx: it may have been done", async () => {
    server.reply({
      status: 500,
      body: { type: "api_error", status: 500, request_id: "req-500", errors: [] },
    });
    const { t } = transport();
    const error = await failure(
      t.request("POST", "/v1/severities", { body: { name: "x", description: "y" } }),
    );
    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(IncidentIoApiError);
    expect(error.code).toBe("server_error");
    expect(error.message).toContain("req-500");
  });

  it("retries a create that carries an idempotency key", async () => {
    server.reply({ status: 502 }, { status: 504 }, { body: { incident: { id: "1" } } });
    const { t } = transport();
    const body = { idempotency_key: "k1", visibility: "public" };
    await expect(t.request("POST", "/v2/incidents", { body, idempotent: true })).resolves.toMatchObject({
      body: { incident: { id: "1" } },
    });
    expect(server.requests.map((r) => JSON.parse(r.body).idempotency_key)).toEqual(["k1", "k1", "k1"]);
  });

  it("retries any write on 429: the request was refused, not processed", async () => {
    server.reply(
      { status: 429, headers: { "retry-after": "1" }, body: tooMany() },
      { status: 201, body: {} },
    );
    const { t } = transport();
    await expect(t.request("POST", "/v1/severities", { body: {} })).resolves.toMatchObject({ status: 201 });
    expect(server.requests).toHaveLength(2);
  });

  it("fails at once when Retry-After is beyond the longest wait it may take", async () => {
    const limited = { status: 429, headers: { "retry-after": "120" }, body: tooMany() };
    server.reply(limited, limited);
    const { t, clock, start } = transport({ maxRetries: 2, maxRetryDelayMs: 1000 });
    const error = await failure(t.request("GET", "/v1/severities"));
    expect(server.requests).toHaveLength(1);
    expect(clock.now() - start).toBe(0);
    expect(error).toBeInstanceOf(IncidentIoApiError);
    expect(error.code).toBe("rate_limited");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("retry in 120s");
    expect(error.message).toContain("req-429");
    expect(error.hint).toContain("retry in 120s");
  });

  it("stops after maxRetries and throws the last error", async () => {
    const limited = { status: 429, headers: { "retry-after": "1" }, body: tooMany() };
    server.reply(limited, limited, limited, limited);
    const { t, clock, events, start } = transport({ maxRetries: 2 });
    const error = await failure(t.request("GET", "/v1/severities"));
    expect(server.requests).toHaveLength(3);
    expect(events.map((e) => e.retryInMs)).toEqual([1000, 1000, undefined]);
    expect(clock.now() - start).toBeGreaterThanOrEqual(2000);
    expect(error.code).toBe("rate_limited");
  });

  it("paces requests with the token bucket", async () => {
    server.setFallback({ body: {} });
    server.reply();
    const { t, clock, start } = transport({ rateLimit: { capacity: 2, refillPerSecond: 1 } });
    for (let i = 0; i < 5; i++) await t.request("GET", "/v1/severities");
    // The burst less the token held in reserve, then one per second.
    expect(clock.now() - start).toBe((5 - (2 - PACING_RESERVE)) * 1000);
  });

  it("shares one bucket between clients using the same key and base URL", async () => {
    server.reply();
    const clock = new ManualClock(0);
    const options = {
      apiKey: KEY,
      baseUrl: server.url,
      clock,
      // Three, less the one held in reserve: two immediate requests per key.
      rateLimit: { capacity: 2 + PACING_RESERVE, refillPerSecond: 1 },
    };
    const a = new Transport(options);
    const b = new Transport(options);
    const other = new Transport({ ...options, apiKey: `${KEY}b` });
    await a.request("GET", "/x");
    await a.request("GET", "/x");
    await other.request("GET", "/x");
    expect(clock.now()).toBe(0);
    await b.request("GET", "/x");
    expect(clock.now()).toBe(1000);
  });

  it("holds every request on the key back after a 429 until Retry-After has passed", async () => {
    server.reply({ status: 429, headers: { "retry-after": "10" }, body: tooMany() });
    const clock = new ManualClock(0);
    const options = { apiKey: KEY, baseUrl: server.url, clock };
    const first = new Transport({ ...options, maxRetries: 0 });
    const second = new Transport(options);
    await failure(first.request("GET", "/x"));
    expect(clock.now()).toBe(0);
    await second.request("GET", "/x");
    expect(clock.now()).toBe(10_000);
  });

  it("times out an attempt and says so", async () => {
    server.reply({ hang: true });
    const { t } = transport({ timeoutMs: 100, maxRetries: 0 });
    const error = await failure(t.request("GET", "/v1/severities"));
    expect(error.code).toBe("timeout");
    expect(error.retryable).toBe(true);
  });

  it("retries a GET after a timeout", async () => {
    server.reply({ hang: true }, { body: { ok: true } });
    const { t } = transport({ timeoutMs: 100 });
    await expect(t.request("GET", "/v1/severities")).resolves.toMatchObject({ body: { ok: true } });
  });

  it("gives up on a caller's abort without retrying", async () => {
    server.reply({ hang: true });
    const { t } = transport();
    const controller = new AbortController();
    const pending = t.request("GET", "/x", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stopped by caller")), 20);
    await expect(pending).rejects.toThrow("stopped by caller");
    expect(server.requests).toHaveLength(1);
  });

  it("reports a dropped connection as a network error and does not repeat a plain write", async () => {
    server.reply({ destroy: true }, { body: {} });
    const { t } = transport();
    const error = await failure(t.request("POST", "/v1/severities", { body: {} }));
    expect(error.code).toBe("network");
    expect(server.requests).toHaveLength(1);
  });

  it("retries a GET after a dropped connection", async () => {
    server.reply({ destroy: true }, { body: { ok: 1 } });
    const { t } = transport();
    await expect(t.request("GET", "/x")).resolves.toMatchObject({ body: { ok: 1 } });
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await new ScriptedServer().start();
    const url = closed.url;
    await closed.close();
    const { t } = transport({ baseUrl: url, maxRetries: 0 });
    const error = await failure(t.request("GET", "/x"));
    expect(error.code).toBe("network");
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("rejects a 2xx body that is not JSON as invalid_response", async () => {
    server.reply({ body: "<html>proxy</html>" });
    const { t } = transport();
    const error = await failure(t.request("GET", "/x"));
    expect(error.code).toBe("invalid_response");
    expect(server.requests).toHaveLength(1);
  });

  it("never lets the key out, even when the server echoes it", async () => {
    const echo = (req: { headers: Record<string, unknown> }) => ({
      status: 401,
      body: {
        type: "authentication_error",
        status: 401,
        request_id: "req-echo",
        errors: [{ code: "bad", message: `key ${String(req.headers.authorization)} rejected; raw ${KEY}` }],
      },
    });
    server.reply(echo, { status: 500, body: `Authorization: Bearer ${KEY}` });
    const { t, events } = transport({ eventBodies: true });
    const errors = [
      await failure(t.request("GET", "/v1/identity")),
      await failure(t.request("POST", "/x", { body: { token: KEY, note: `mine is ${KEY}` } })),
    ];
    const everything = JSON.stringify({
      errors: errors.map((e) => ({ json: e, message: e.message, stack: e.stack, hint: e.hint, fields: e })),
      events,
    });
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(KEY.slice(4));
    expect(everything).toContain("[redacted]");
    expect(events.some((e) => e.requestBody !== undefined)).toBe(true);
  });

  it("refuses plain http except to this machine, naming the setting", () => {
    for (const baseUrl of [
      "http://127.0.0.1:8790",
      "http://localhost:1",
      "http://[::1]:2",
      "http://127.9.9.9",
    ]) {
      expect(() => new Transport({ apiKey: KEY, baseUrl })).not.toThrow();
    }
    expect(() => new Transport({ apiKey: KEY, baseUrl: "https://api.incident.io/" })).not.toThrow();
    for (const baseUrl of ["http://api.incident.io", "http://10.0.0.1", "ftp://localhost", "not a url"]) {
      let caught: unknown;
      try {
        new Transport({ apiKey: KEY, baseUrl });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).setting).toBe("baseUrl");
      expect((caught as ConfigError).message).toContain("baseUrl");
    }
  });

  it("rejects a missing key without echoing anything", () => {
    expect(() => new Transport({ apiKey: "" })).toThrow(ConfigError);
    expect(() => new Transport({ apiKey: "inc_abc\nX" })).toThrow(/characters/);
  });
});
