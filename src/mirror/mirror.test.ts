import { afterEach, describe, expect, it } from "vitest";
import { IncidentIo } from "../api/index.js";
import type { Clock } from "../shared/clock.js";
import { getMirroredIncident } from "./incident-store.js";
import { Mirror } from "./mirror.js";
import { type MirrorTest, startMirrorTest } from "./testing.js";

let m: MirrorTest | undefined;
afterEach(async () => {
  await m?.close();
  m = undefined;
});

const BAD_KEY = `inc_${"5e".repeat(32)}`;

/** A clock whose sleeps end only when the test says, so each loop round is one step. */
class SteppedClock implements Clock {
  private wake: (() => void) | undefined;
  private sleeping: (() => void) | undefined;
  now(): number {
    return Date.UTC(2024, 4, 2, 9, 30);
  }
  sleep(_ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      this.wake = resolve;
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      this.sleeping?.();
    });
  }
  /** Resolves once the loop is asleep (a round has finished). */
  asleep(): Promise<void> {
    if (this.wake) return Promise.resolve();
    return new Promise((resolve) => {
      this.sleeping = resolve;
    });
  }
  step(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

describe("the mirror's sync status", () => {
  it("shows a refused key's error and hint, never the key, until a sync succeeds", async () => {
    m = await startMirrorTest(5);
    const refused = {
      alias: "prod",
      io: new IncidentIo({ apiKey: BAD_KEY, baseUrl: m.t.url, fetch: m.t.fetch }),
    };
    const failing = new Mirror(m.store, [refused], { clock: m.clock });
    await expect(failing.sync("prod")).rejects.toMatchObject({ status: 401 });
    const [status] = await failing.status();
    expect(status).toMatchObject({
      account: "prod",
      failing: true,
      lastSuccessAt: null,
      lagSeconds: null,
      lastAttemptAt: "2024-05-02T09:30:00.000Z",
      lastError: { at: "2024-05-02T09:30:00.000Z" },
    });
    expect(status?.lastError?.message).toContain("401");
    expect(status?.lastError?.hint).toMatch(/invalid or revoked/);
    const shown = JSON.stringify(status);
    expect(shown).not.toContain(BAD_KEY);
    expect(shown).not.toContain(BAD_KEY.slice(-8));

    const healthy = new Mirror(m.store, [m.source], { clock: m.clock });
    const outcome = await healthy.sync("prod");
    expect(outcome.backfill?.fetched).toBe(5);
    m.clock.advance(90_000);
    const [after] = await healthy.status();
    expect(after).toMatchObject({
      failing: false,
      incidents: 5,
      lastSuccessAt: "2024-05-02T09:30:00.000Z",
      lagSeconds: 90,
      backfill: { state: "done", fetched: 5, total: 5 },
      newestUpdatedAt: "2024-01-01T05:00:00.000Z",
    });
    expect(after?.lastError?.message).toContain("401");
  });
});

describe("the mirror's loop", () => {
  it("backfills, then reconciles every interval until closed", async () => {
    m = await startMirrorTest(4);
    const clock = new SteppedClock();
    const progress: number[] = [];
    const mirror = new Mirror(m.store, [m.source], {
      clock,
      intervalMs: 30_000,
      onProgress: (_account, p) => progress.push(p.fetched),
    });
    mirror.start();
    await clock.asleep();
    expect(progress).toEqual([4]);
    const target = m.snapshot.incidents[2]?.id ?? "";
    await m.bystander.incidents.edit(target, {
      notify_incident_channel: false,
      incident: { name: "Looped in" },
    });
    m.requests.length = 0;
    clock.step();
    await clock.asleep();
    expect(m.requests.filter((r) => r.includes("updated_at"))).toHaveLength(1);
    expect((await getMirroredIncident(m.store.db, { account: "prod", id: target }))?.name).toBe("Looped in");
    await mirror.close();
    const requestsAtClose = m.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(m.requests).toHaveLength(requestsAtClose);
  });
});
