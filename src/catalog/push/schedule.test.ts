import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { IncidentIo } from "../../api/client.js";
import { testSnapshot } from "../../emulator/testing.js";
import { ManualClock } from "../../shared/clock.js";
import { parseCatalogConfig } from "../config.js";
import { loadCatalogDir } from "../load.js";
import { SYNC_ID_ANNOTATION } from "./kinds.js";
import type { PushReport } from "./push.js";
import { CatalogPushSchedule } from "./schedule.js";

const DEMO = loadCatalogDir("examples/catalog");

function leadership(leading: boolean) {
  return { leading, confirm: async () => leading, close: async () => {} };
}

let t: TestEmulator;
let schedule: CatalogPushSchedule | undefined;
beforeEach(async () => {
  t = await startTestEmulator({ ephemeral: true, listen: true, snapshot: testSnapshot() });
});
afterEach(async () => {
  await schedule?.close();
  schedule = undefined;
  await t.close();
});

function scheduled(leading: boolean, clock: ManualClock, pushed: (report: PushReport) => void) {
  const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, rateLimit: false });
  return new CatalogPushSchedule({
    io,
    catalog: () => DEMO,
    everyMs: 3_600_000,
    leadership: leadership(leading),
    clock,
    onPushed: pushed,
    onError: (error) => {
      throw error;
    },
  });
}

describe("the hub's scheduled catalog push", () => {
  it("reads catalog.push_every as a duration of at least a minute", () => {
    expect(parseCatalogConfig({ dir: "catalog", push_every: "1h" }, "hub.yaml").pushEveryMs).toBe(3_600_000);
    expect(parseCatalogConfig({ dir: "catalog" }, "hub.yaml").pushEveryMs).toBeUndefined();
    expect(() => parseCatalogConfig({ dir: "catalog", push_every: "30s" }, "hub.yaml")).toThrow(
      /at least 1m/,
    );
    expect(() => parseCatalogConfig({ dir: "catalog", push_every: "hourly" }, "hub.yaml")).toThrow(
      /a duration like 30s/,
    );
  });

  it("pushes at start on the leading hub, then only reads while nothing changed", async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const reports: PushReport[] = [];
    let told: () => void = () => {};
    schedule = scheduled(true, clock, (report) => {
      reports.push(report);
      told();
    });
    const first = new Promise<void>((resolve) => {
      told = resolve;
    });
    schedule.start();
    await first;
    expect(reports[0]?.calls.writes).toBeGreaterThan(28);
    const second = new Promise<void>((resolve) => {
      told = resolve;
    });
    clock.advance(3_600_000);
    await second;
    expect(reports[1]?.calls.writes).toBe(0);
  });

  it("leaves the push to the leader", async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const reports: PushReport[] = [];
    schedule = scheduled(false, clock, (report) => reports.push(report));
    schedule.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await schedule.close();
    expect(reports).toEqual([]);
    const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, rateLimit: false });
    expect((await io.catalogTypes.list()).filter((type) => type.annotations[SYNC_ID_ANNOTATION])).toEqual([]);
  });
});
