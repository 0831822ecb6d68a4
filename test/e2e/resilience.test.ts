/**
 * Our client against our emulator over real HTTP, with the emulator's faults switched on: failures, lost
 * answers, 429 bursts, a small rate limit and slow answers. Each test starts its own emulator.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  IncidentIo,
  IncidentIoApiError,
  type IncidentIoOptions,
  IncidentIoTransportError,
  type RequestEvent,
} from "../../src/api/index.js";
import type { EmulatorOptions } from "../../src/emulator/index.js";
import { named, testSnapshot } from "../../src/emulator/testing.js";
import { ManualClock } from "../../src/shared/clock.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";

const started: TestEmulator[] = [];

afterEach(async () => {
  // Each test closes its emulator itself (checking conformance); this only cleans up after a failure.
  await Promise.all(started.splice(0).map((t) => t.emulator.close()));
});

interface Setup {
  t: TestEmulator;
  io: IncidentIo;
  events: RequestEvent[];
  severityId: string;
}

/** A listening emulator with a small known organisation, and a client for its admin key that records events. */
async function setUp(
  emulator: Omit<EmulatorOptions, "ephemeral" | "snapshot"> = {},
  options: Partial<IncidentIoOptions> = {},
): Promise<Setup> {
  const snapshot = testSnapshot();
  const t = await startTestEmulator({ ...emulator, ephemeral: true, snapshot, listen: true });
  started.push(t);
  const events: RequestEvent[] = [];
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    fetch: t.fetch,
    maxRetryDelayMs: 20,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { t, io, events, severityId: named(snapshot.severities, "Minor").id };
}

/** The error a call rejects with, failing the test if it resolves. */
async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** `count` creates at once, each with its own idempotency key; resolves to the keys and the created IDs. */
async function createMany(s: Setup, count: number, prefix: string) {
  const keys = Array.from({ length: count }, (_, i) => `${prefix}-${i}-${randomUUID()}`);
  const created = await Promise.all(
    keys.map((key, i) =>
      s.io.incidents.create({
        idempotency_key: key,
        visibility: "public",
        name: `${prefix} ${i}`,
        severity_id: s.severityId,
      }),
    ),
  );
  return { keys, ids: created.map((c) => c.incident.id) };
}

/** The values that occur more than once. */
function duplicates(values: readonly (string | undefined)[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([value]) => value);
}

describe("client resilience against the emulator's faults", () => {
  it("creates exactly once per idempotency key while half the requests fail with 500", async () => {
    const s = await setUp({ faults: { errorRate: 0.5 } }, { maxRetries: 25 });
    const { keys, ids } = await createMany(s, 30, "flaky");
    const stored = s.t.emulator.incidents();
    expect(stored).toHaveLength(30);
    expect(stored.map((i) => i.idempotency_key).sort()).toEqual([...keys].sort());
    expect(duplicates(stored.map((i) => i.name))).toEqual([]);
    expect(new Set(ids)).toEqual(new Set(stored.map((i) => i.id)));
    expect(s.events.filter((e) => e.status === 500).length).toBeGreaterThan(0);
    await s.t.close();
  });

  it("creates exactly once when answers are lost after the write was applied", async () => {
    const s = await setUp({ faults: { lostResponseRate: 0.5 } }, { maxRetries: 25 });
    const { keys, ids } = await createMany(s, 20, "lost");
    const stored = s.t.emulator.incidents();
    expect(stored).toHaveLength(20);
    expect(duplicates(stored.map((i) => i.idempotency_key))).toEqual([]);
    expect(stored.map((i) => i.idempotency_key).sort()).toEqual([...keys].sort());
    // The retry got the incident the lost answer was about, not a new one.
    expect(new Set(ids)).toEqual(new Set(stored.map((i) => i.id)));
    expect(s.events.filter((e) => e.status === 502).length).toBeGreaterThan(0);
    await s.t.close();
  });

  it("waits out a 429 burst as Retry-After says, and reports it", async () => {
    const s = await setUp({}, { maxRetryDelayMs: 30_000 });
    s.t.emulator.faults.throttleFor(1500);
    const startedAt = Date.now();
    const severities = await s.io.severities.list();
    const elapsed = Date.now() - startedAt;
    expect(severities.map((sev) => sev.name)).toEqual(["Minor", "Major", "Critical"]);
    const throttled = s.events.filter((e) => e.status === 429);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.retryInMs).toBeGreaterThanOrEqual(1500);
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(s.events.at(-1)).toMatchObject({ status: 200, attempt: 2 });
    await s.t.close();
  });

  it("a client paced to the key's limit never sees a 429", async () => {
    // One manual clock for both sides: the buckets agree on time exactly, and waiting costs no real time.
    const clock = new ManualClock(Date.now());
    const limit = { capacity: 5, refillPerSecond: 5 };
    const s = await setUp({ rateLimit: limit, clock }, { rateLimit: limit, maxRetries: 0, clock });
    const startedAt = clock.now();
    for (let i = 0; i < 20; i++) expect((await s.io.identity()).roles).toContain("global_access");
    expect(s.events.filter((e) => e.status === 429)).toEqual([]);
    expect(s.events.filter((e) => e.status === 200)).toHaveLength(20);
    // The burst less the token the client holds in reserve goes at once; the other 16 wait 200 ms each.
    expect(clock.now() - startedAt).toBe(3200);
    await s.t.close();
  });

  it("an unpaced client without retries gets a 429 error it can act on", async () => {
    const s = await setUp(
      { rateLimit: { capacity: 5, refillPerSecond: 5 } },
      { rateLimit: false, maxRetries: 0 },
    );
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => s.io.identity()));
    const refused = settled.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    // The bucket holds 5; a slow machine may see a token refill while the ten are in flight.
    expect(settled.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(5);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    const [error] = refused;
    expect(error).toBeInstanceOf(IncidentIoApiError);
    const apiError = error as IncidentIoApiError;
    expect([apiError.status, apiError.code, apiError.retryable]).toEqual([429, "rate_limited", true]);
    expect(apiError.requestId).toBeTruthy();
    expect(apiError.hint).toMatch(/rate limiting/);
    expect(apiError.rateLimit).toMatchObject({ limit: 5, remaining: 0 });
    expect(Date.parse(apiError.rateLimit?.retry_after ?? "")).toBeGreaterThan(Date.now() - 1000);
    expect(apiError.retryAfterMs).toBeGreaterThan(0);
    expect(JSON.stringify(apiError.toJSON()) + apiError.message).not.toContain(s.t.adminKey);
    await s.t.close();
  });

  it("does not repeat a write without an idempotency key after a 5xx, but does repeat a read", async () => {
    const s = await setUp({}, { maxRetries: 3 });
    const { incident } = await s.io.incidents.create({
      idempotency_key: randomUUID(),
      visibility: "public",
      name: "Before the outage",
      severity_id: s.severityId,
    });
    s.t.emulator.faults.set({ errorRate: 1 });
    s.events.length = 0;

    const edit = await rejection(
      s.io.incidents.edit(incident.id, { notify_incident_channel: false, incident: { name: "Renamed" } }),
    );
    expect(edit).toBeInstanceOf(IncidentIoApiError);
    expect((edit as IncidentIoApiError).status).toBe(500);
    const severity = await rejection(s.io.severities.create({ name: "Extra", description: "Extra" }));
    expect((severity as IncidentIoApiError).status).toBe(500);
    expect(s.events.map((e) => [e.method, e.attempt, e.status])).toEqual([
      ["POST", 1, 500],
      ["POST", 1, 500],
    ]);

    await rejection(s.io.severities.list());
    expect(s.events.filter((e) => e.method === "GET").map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
    s.t.emulator.faults.clear();
    expect((await s.io.incidents.show(incident.id)).name).toBe("Before the outage");
    expect(await s.io.severities.list()).toHaveLength(3);
    await s.t.close();
  });

  it("gives up on an answer slower than the timeout with a transport error saying so", async () => {
    const s = await setUp({ faults: { latencyMs: 1000 } }, { timeoutMs: 100, maxRetries: 1 });
    const error = await rejection(s.io.severities.list());
    expect(error).toBeInstanceOf(IncidentIoTransportError);
    const transportError = error as IncidentIoTransportError;
    expect([transportError.code, transportError.retryable]).toEqual(["timeout", true]);
    expect(transportError.message).toMatch(/no answer within 100 ms/);
    expect(transportError.hint).toMatch(/timeoutMs/);
    expect(s.events.map((e) => e.attempt)).toEqual([1, 2]);
    expect(s.events.every((e) => e.error?.includes("no answer within 100 ms"))).toBe(true);
    await s.t.close();
  });
});
