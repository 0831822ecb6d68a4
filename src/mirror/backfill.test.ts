import { afterEach, describe, expect, it } from "vitest";
import { IncidentIoApiError } from "../api/index.js";
import { type BackfillProgress, backfill } from "./backfill.js";
import { countMirroredIncidents, getMirroredIncident } from "./incident-store.js";
import { syncRow } from "./sync-state.js";
import { type MirrorTest, startMirrorTest } from "./testing.js";

let m: MirrorTest | undefined;
afterEach(async () => {
  await m?.close();
  m = undefined;
});

const lists = (requests: string[]) => requests.filter((r) => r.startsWith("GET /v2/incidents?"));

describe("backfill", () => {
  it("copies 600 incidents in 3 pages of 250 and one severities call, reporting progress", async () => {
    m = await startMirrorTest(600);
    const progress: BackfillProgress[] = [];
    const result = await backfill(m.store, m.source, { clock: m.clock, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ fetched: 600, pages: 3, resumed: false, ran: true });
    expect(m.requests).toHaveLength(4);
    expect(m.requests.filter((r) => r === "GET /v1/severities")).toHaveLength(1);
    expect(lists(m.requests)).toHaveLength(3);
    for (const request of lists(m.requests)) {
      expect(request).toContain("page_size=250");
      expect(request).toContain("sort_by=created_at_oldest_first");
      expect(request).toContain("mode[one_of]=test");
    }
    expect(progress).toEqual([
      { fetched: 250, total: 600 },
      { fetched: 500, total: 600 },
      { fetched: 600, total: 600 },
    ]);
    expect(await countMirroredIncidents(m.store.db, { account: "prod" })).toBe(600);
    const first = m.snapshot.incidents[0];
    expect(await getMirroredIncident(m.store.db, { account: "prod", id: first?.id ?? "" })).toMatchObject({
      reference: "INC-1",
      status: { name: "Closed", category: "closed" },
      severity: { name: "Minor", rank: 1 },
    });
    const sync = await syncRow(m.store.db, "prod");
    expect(sync).toMatchObject({ backfill_state: "done", backfill_cursor: null, backfilled_count: 600 });

    m.requests.length = 0;
    expect((await backfill(m.store, m.source, { clock: m.clock })).ran).toBe(false);
    expect(m.requests).toEqual([]);
  });

  it("resumes after a failure from the page after the last one written", async () => {
    m = await startMirrorTest(600);
    const world = m;
    let listed = 0;
    world.intercept.current = (method, path) => {
      if (method === "GET" && path === "/v2/incidents" && ++listed === 2) {
        world.t.emulator.faults.set({ errorRate: 1 });
      }
    };
    const failed = await backfill(world.store, world.source, { clock: world.clock }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(IncidentIoApiError);
    expect((failed as IncidentIoApiError).status).toBe(500);
    const stopped = await syncRow(world.store.db, "prod");
    expect(stopped).toMatchObject({ backfill_state: "running", backfilled_count: 500 });
    expect(stopped.backfill_cursor).toBe(world.snapshot.incidents[499]?.id);
    expect(await countMirroredIncidents(world.store.db)).toBe(500);

    world.intercept.current = undefined;
    world.t.emulator.faults.clear();
    world.requests.length = 0;
    const progress: BackfillProgress[] = [];
    const resumed = await backfill(world.store, world.source, {
      clock: world.clock,
      onProgress: (p) => progress.push(p),
    });
    expect(resumed).toEqual({ fetched: 100, pages: 1, resumed: true, ran: true });
    expect(lists(world.requests)).toHaveLength(1);
    expect(lists(world.requests)[0]).toContain(`after=${stopped.backfill_cursor}`);
    expect(progress).toEqual([{ fetched: 600, total: 600 }]);
    expect(await countMirroredIncidents(world.store.db)).toBe(600);
    expect((await syncRow(world.store.db, "prod")).backfill_state).toBe("done");
  });

  it("finishes at once on an organisation with no incidents, without listing severities", async () => {
    m = await startMirrorTest(0);
    expect(await backfill(m.store, m.source, { clock: m.clock })).toMatchObject({ fetched: 0, pages: 1 });
    expect(m.requests).toHaveLength(1);
    expect((await syncRow(m.store.db, "prod")).backfill_state).toBe("done");
  });
});
