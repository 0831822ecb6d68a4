import { afterEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { EmulatorOptions } from "./index.js";
import type { Snapshot } from "./model.js";
import { call, testSnapshot, tokenFor } from "./testing.js";

const START = Date.UTC(2024, 4, 1);
let t: TestEmulator | undefined;
let snapshot: Snapshot;
let clock: ManualClock;

async function start(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  snapshot = testSnapshot(START);
  clock = new ManualClock(START);
  t = await startTestEmulator({ ephemeral: true, snapshot, clock, ...options });
  return t;
}

afterEach(async () => {
  await t?.close();
  t = undefined;
});

const severityNames = (e: TestEmulator) =>
  call(e.emulator, "GET", "/v1/severities", { token: e.adminKey }).then((r) =>
    r.body.severities.map((s: { name: string }) => s.name),
  );
const newSeverity = (e: TestEmulator, name: string) =>
  call(e.emulator, "POST", "/v1/severities", { token: e.adminKey, body: { name, description: "d" } });
const admin = (e: TestEmulator, method: string, path: string, body?: unknown, token = e.adminKey) =>
  call(e.emulator, method, path, { token, body });

describe("error rate", () => {
  it("answers every API call with a 500 api_error body at rate 1, writing nothing", async () => {
    const e = await start({ faults: { errorRate: 1 } });
    for (const path of ["/v1/severities", "/v2/incidents", "/v1/identity"]) {
      const reply = await call(e.emulator, "GET", path, { token: e.adminKey });
      expect(reply.status).toBe(500);
      expect(reply.body).toMatchObject({
        type: "api_error",
        status: 500,
        errors: [{ code: "internal_error", message: expect.any(String) }],
      });
      expect(reply.body.request_id).toEqual(expect.any(String));
    }
    expect((await newSeverity(e, "Ghost")).status).toBe(500);
    e.emulator.faults.clear();
    expect(await severityNames(e)).not.toContain("Ghost");
  });

  it("answers nothing with an error at rate 0", async () => {
    const e = await start({ faults: { errorRate: 0 } });
    for (let i = 0; i < 30; i++)
      expect((await call(e.emulator, "GET", "/v1/identity", { token: e.adminKey })).status).toBe(200);
  });

  it("still answers 401 to a request without a key", async () => {
    const e = await start({ faults: { errorRate: 1 } });
    expect((await call(e.emulator, "GET", "/v1/severities")).status).toBe(401);
  });
});

describe("throttling", () => {
  const limits = { capacity: 8, refillPerSecond: 2 };

  it("answers 429 with Retry-After and X-RateLimit-* until the throttle time has passed", async () => {
    const e = await start({ rateLimit: limits });
    e.emulator.faults.throttleFor(2_500);
    const limited = await call(e.emulator, "GET", "/v1/severities", { token: tokenFor(snapshot, "Viewer") });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("3");
    // The same X-RateLimit-* headers as a real 429: an empty bucket, full a window after the throttle ends.
    const capacity = limits.capacity;
    expect(limited.headers.get("X-RateLimit-Limit")).toBe(`${capacity}, ${capacity};window=4`);
    expect(limited.headers.get("X-RateLimit-Remaining")).toBe("0");
    expect(limited.headers.get("X-RateLimit-Used")).toBe(String(capacity));
    expect(limited.headers.get("X-RateLimit-Reset")).toBe(String(Math.ceil((START + 2_500 + 4_000) / 1000)));
    expect(limited.body).toMatchObject({
      type: "too_many_requests",
      rate_limit: { name: "Viewer", remaining: 0, retry_after: "2024-05-01T00:00:03Z" },
      errors: [{ code: "too_many_requests" }],
    });
    clock.advance(2_000);
    const later = await call(e.emulator, "GET", "/v1/severities", { token: e.adminKey });
    expect(later.headers.get("Retry-After")).toBe("1");
    clock.advance(500);
    expect((await call(e.emulator, "GET", "/v1/severities", { token: e.adminKey })).status).toBe(200);
  });

  it("does not let a throttled write through", async () => {
    const e = await start();
    e.emulator.faults.throttleFor(1_000);
    expect((await newSeverity(e, "Blocked")).status).toBe(429);
    clock.advance(1_000);
    expect(await severityNames(e)).not.toContain("Blocked");
  });
});

describe("latency", () => {
  it("delays every API call by the configured time", async () => {
    snapshot = testSnapshot(START);
    t = await startTestEmulator({ ephemeral: true, snapshot, faults: { latencyMs: 60 } });
    const started = performance.now();
    const reply = await call(t.emulator, "GET", "/v1/identity", { token: t.adminKey });
    expect(reply.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("advances an injected clock instead of waiting", async () => {
    const e = await start({ faults: { latencyMs: 30_000 } });
    await call(e.emulator, "GET", "/v1/identity", { token: e.adminKey });
    expect(clock.now()).toBe(START + 30_000);
  });
});

describe("lost responses", () => {
  it("applies the write but answers 502, so a retry would see it done", async () => {
    const e = await start({ faults: { lostResponseRate: 1 } });
    const reply = await newSeverity(e, "Applied");
    expect(reply.status).toBe(502);
    expect(reply.body).toMatchObject({ status: 502, errors: [{ code: "bad_gateway" }] });
    e.emulator.faults.set({ lostResponseRate: 0 });
    expect(await severityNames(e)).toContain("Applied");
  });

  it("loses the answers of reads as well", async () => {
    const e = await start({ faults: { lostResponseRate: 1 } });
    expect((await call(e.emulator, "GET", "/v1/identity", { token: e.adminKey })).status).toBe(502);
  });
});

describe("/_emulator/faults", () => {
  it("shows and changes the fault settings, merging partial updates", async () => {
    const e = await start();
    const shown = await admin(e, "GET", "/_emulator/faults");
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ errorRate: 0, lostResponseRate: 0, latencyMs: 0, throttleUntil: 0 });
    const changed = await admin(e, "PUT", "/_emulator/faults", { errorRate: 0.25, latencyMs: 10 });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ errorRate: 0.25, lostResponseRate: 0, latencyMs: 10, throttleUntil: 0 });
    await admin(e, "PUT", "/_emulator/faults", { lostResponseRate: 0.5 });
    expect(e.emulator.faults.get()).toMatchObject({ errorRate: 0.25, lostResponseRate: 0.5, latencyMs: 10 });
  });

  it("throttles API calls for throttle_for_ms from now", async () => {
    const e = await start();
    const reply = await admin(e, "PUT", "/_emulator/faults", { throttle_for_ms: 5_000 });
    expect(reply.body.throttleUntil).toBe(START + 5_000);
    expect((await call(e.emulator, "GET", "/v1/identity", { token: e.adminKey })).status).toBe(429);
    await admin(e, "PUT", "/_emulator/faults", { throttleUntil: 0 });
    expect((await call(e.emulator, "GET", "/v1/identity", { token: e.adminKey })).status).toBe(200);
  });

  it("refuses bad values and unknown settings with 422 naming the field, changing nothing", async () => {
    const e = await start();
    const cases: [unknown, string][] = [
      [{ errorRate: 2 }, "errorRate"],
      [{ errorRate: -0.1 }, "errorRate"],
      [{ errorRate: "high" }, "errorRate"],
      [{ lostResponseRate: 1.5 }, "lostResponseRate"],
      [{ latencyMs: -1 }, "latencyMs"],
      [{ throttle_for_ms: "soon" }, "throttle_for_ms"],
      [{ errorrate: 1 }, "errorrate"],
    ];
    for (const [body, field] of cases) {
      const reply = await admin(e, "PUT", "/_emulator/faults", body);
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(reply.body.type).toBe("validation_error");
      expect(reply.body.errors[0].source.field).toBe(field);
    }
    const notJson = await call(e.emulator, "PUT", "/_emulator/faults", { token: e.adminKey, rawBody: "{" });
    expect(notJson.status).toBe(400);
    expect(e.emulator.faults.get()).toEqual({
      errorRate: 0,
      lostResponseRate: 0,
      latencyMs: 0,
      throttleUntil: 0,
    });
  });

  it("is not itself subject to faults, so faults can always be switched off", async () => {
    const e = await start({ faults: { errorRate: 1, lostResponseRate: 1, latencyMs: 1_000 } });
    e.emulator.faults.throttleFor(60_000);
    expect((await admin(e, "GET", "/_emulator/faults")).status).toBe(200);
    expect(clock.now()).toBe(START);
    const cleared = await admin(e, "PUT", "/_emulator/faults", {
      errorRate: 0,
      lostResponseRate: 0,
      latencyMs: 0,
      throttleUntil: 0,
    });
    expect(cleared.status).toBe(200);
    expect((await call(e.emulator, "GET", "/v1/identity", { token: e.adminKey })).status).toBe(200);
  });
});

describe("/_emulator/api_keys", () => {
  it("mints a working key with the given roles", async () => {
    const e = await start();
    const reply = await admin(e, "POST", "/_emulator/api_keys", { name: "CI", roles: ["viewer"] });
    expect(reply.status).toBe(201);
    const key = reply.body.api_key;
    expect(key).toMatchObject({ name: "CI", roles: ["viewer"] });
    expect(key.token).toMatch(/^inc_[0-9a-f]{64}$/);
    const identity = await call(e.emulator, "GET", "/v1/identity", { token: key.token });
    expect(identity.body.identity).toMatchObject({ name: "CI", roles: ["viewer"] });
    const write = await newSeverity({ ...e, adminKey: key.token }, "Nope");
    expect(write.status).toBe(403);
  });

  it("refuses a payload without a name or with unknown roles, naming the field", async () => {
    const e = await start();
    const cases: [unknown, string][] = [
      [{ roles: ["viewer"] }, "name"],
      [{ name: "", roles: ["viewer"] }, "name"],
      [{ name: "X" }, "roles"],
      [{ name: "X", roles: [] }, "roles"],
      [{ name: "X", roles: ["viewer", "superuser"] }, "roles.1"],
      [{ name: "X", roles: ["viewer"], role: "admin" }, "role"],
    ];
    for (const [body, field] of cases) {
      const reply = await admin(e, "POST", "/_emulator/api_keys", body);
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(reply.body.errors[0].source.field).toBe(field);
    }
    expect(e.emulator.apiKeys().map((k) => k.name)).not.toContain("X");
  });
});

describe("control route access", () => {
  it("needs a key with global_access", async () => {
    const e = await start();
    const viewer = tokenFor(snapshot, "Viewer");
    const forbidden = await admin(e, "GET", "/_emulator/faults", undefined, viewer);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errors[0].metadata.required_scope).toBe("global_access");
    const minted = await admin(e, "POST", "/_emulator/api_keys", { name: "Y", roles: ["viewer"] }, viewer);
    expect(minted.status).toBe(403);
    expect((await call(e.emulator, "PUT", "/_emulator/faults", { body: { errorRate: 1 } })).status).toBe(401);
    expect(e.emulator.faults.get().errorRate).toBe(0);
  });
});
