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

const requestCounts = (e: TestEmulator, token = e.adminKey) =>
  call(e.emulator, "GET", "/_emulator/requests", { token });

describe("GET /_emulator/requests", () => {
  it("counts API requests by method, route template and status, leaving out control routes", async () => {
    const e = await start();
    const token = e.adminKey;
    await call(e.emulator, "GET", "/v1/severities", { token });
    await call(e.emulator, "GET", "/v1/severities", { token });
    await call(e.emulator, "GET", "/v2/incidents/01HZZZZZZZZZZZZZZZZZZZZZZZ", { token });
    await call(e.emulator, "GET", "/v2/incidents/01HYYYYYYYYYYYYYYYYYYYYYYY", { token });
    await call(e.emulator, "POST", "/v2/incidents", { token, body: {} });
    await call(e.emulator, "GET", "/v1/severities");
    await call(e.emulator, "GET", "/_emulator/faults", { token });

    const reply = await requestCounts(e);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      since: new Date(START).toISOString(),
      total: 6,
      requests: [
        { method: "GET", route: "/v1/severities", status: 200, count: 2 },
        { method: "GET", route: "/v1/severities", status: 401, count: 1 },
        { method: "POST", route: "/v2/incidents", status: 422, count: 1 },
        { method: "GET", route: "/v2/incidents/:id", status: 404, count: 2 },
      ],
    });
  });

  it("counts the rate limit's 429s and injected 500s under the operation they refused", async () => {
    const e = await start({ rateLimit: { capacity: 2, refillPerSecond: 1 } });
    const viewer = tokenFor(snapshot, "Viewer");
    for (let i = 0; i < 3; i++) await call(e.emulator, "GET", "/v1/severities", { token: viewer });
    clock.advance(1_000);
    e.emulator.faults.set({ errorRate: 1 });
    await call(e.emulator, "GET", "/v1/severities", { token: viewer });

    expect((await requestCounts(e)).body.requests).toEqual([
      { method: "GET", route: "/v1/severities", status: 200, count: 2 },
      { method: "GET", route: "/v1/severities", status: 429, count: 1 },
      { method: "GET", route: "/v1/severities", status: 500, count: 1 },
    ]);
  });

  it("counts an operation the emulator does not implement under its catch-all", async () => {
    const e = await start();
    expect((await call(e.emulator, "GET", "/v1/actions", { token: e.adminKey })).status).toBe(501);
    expect((await requestCounts(e)).body.requests).toEqual([
      { method: "GET", route: "/v1/*", status: 501, count: 1 },
    ]);
  });

  it("is refused to a key without global_access", async () => {
    const e = await start();
    const reply = await requestCounts(e, tokenFor(snapshot, "Viewer"));
    expect(reply.status).toBe(403);
    expect(reply.body.errors[0].metadata).toEqual({ required_scope: "global_access" });
  });
});
