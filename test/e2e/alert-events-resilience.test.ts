/**
 * Alert events sent by our client to our emulator over real HTTP while the emulator fails requests, loses
 * answers after doing the work, and throttles: every event lands exactly once, on one alert per deduplication key.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type AlertEventPayload, IncidentIo, type RequestEvent } from "../../src/api/index.js";
import type { EmulatorOptions } from "../../src/emulator/index.js";
import type { AlertSourceRecord } from "../../src/emulator/model.js";
import { testSnapshot } from "../../src/emulator/testing.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";

const started: TestEmulator[] = [];

afterEach(async () => {
  // Each test closes its emulator itself (checking conformance); this only cleans up after a failure.
  await Promise.all(started.splice(0).map((t) => t.emulator.close()));
});

async function setUp(faults: EmulatorOptions["faults"], maxRetryDelayMs = 20) {
  const t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot(), listen: true, faults });
  started.push(t);
  const source: AlertSourceRecord = t.emulator.createAlertSource("incidentkit hub");
  const events: RequestEvent[] = [];
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    fetch: t.fetch,
    maxRetries: 25,
    maxRetryDelayMs,
    onEvent: (event) => events.push(event),
  });
  const send = (payload: AlertEventPayload) =>
    io.alertEvents.createHttp(source.id, payload, { token: source.secret_token });
  return { t, source, events, send };
}

const firing = (i: number): AlertEventPayload => ({
  title: `Disk almost full on db-${i}`,
  status: "firing",
  deduplication_key: `disk-db-${i}`,
  metadata: { labels: { alertname: "DiskAlmostFull", instance: `db-${i}` } },
});

describe("alert events under faults", () => {
  it("fires and resolves each alert exactly once while half the answers are lost or failed", async () => {
    const s = await setUp({ errorRate: 0.3, lostResponseRate: 0.3 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.send(firing(i))));
    // One key at a time, in order: each alert's resolution follows its firing.
    for (let i = 0; i < 20; i += 2) await s.send({ ...firing(i), status: "resolved" });
    const alerts = s.t.emulator.alerts();
    expect(alerts).toHaveLength(20);
    expect(new Set(alerts.map((a) => a.deduplication_key)).size).toBe(20);
    const resolved = alerts.filter((a) => a.status === "resolved").map((a) => a.deduplication_key);
    expect(resolved.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `disk-db-${i * 2}`).sort());
    expect(s.events.filter((e) => e.status === 502).length).toBeGreaterThan(0);
    expect(s.events.filter((e) => e.status === 500).length).toBeGreaterThan(0);
    expect(JSON.stringify(s.events)).not.toContain(s.source.secret_token);
    await s.t.close();
  });

  it("waits out a 429 burst and then delivers", async () => {
    // The 429 asks for a second (Retry-After rounds up); a client that may wait that long waits, then sends.
    const s = await setUp({}, 2_000);
    s.t.emulator.faults.throttleFor(300);
    const accepted = await s.send(firing(1));
    expect(accepted.status).toBe("success");
    expect(s.events.map((e) => e.status)).toContain(429);
    expect(s.t.emulator.alerts()).toHaveLength(1);
    await s.t.close();
  });
});
