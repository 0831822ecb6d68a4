import { afterEach, describe, expect, it } from "vitest";
import { backfill } from "./backfill.js";
import { countMirroredIncidents, getMirroredIncident, listMirroredIncidents } from "./incident-store.js";
import { reconcile } from "./reconcile.js";
import { refreshIncident } from "./refresh.js";
import { syncRow } from "./sync-state.js";
import { type MirrorTest, startMirrorTest } from "./testing.js";

let m: MirrorTest | undefined;
afterEach(async () => {
  await m?.close();
  m = undefined;
});

const rename = (world: MirrorTest, id: string, name: string) =>
  world.bystander.incidents.edit(id, { notify_incident_channel: false, incident: { name } });

describe("reconciliation", () => {
  it("brings in an edit and a new incident made while the backfill ran", async () => {
    m = await startMirrorTest(600);
    const world = m;
    const first = world.snapshot.incidents[0]?.id ?? "";
    let listed = 0;
    let declared = "";
    world.intercept.current = async (method, path) => {
      if (method !== "GET" || path !== "/v2/incidents" || ++listed !== 1) return;
      await rename(world, first, "Edited while backfilling");
      const { incident } = await world.bystander.incidents.create({
        idempotency_key: "during-backfill",
        visibility: "public",
        name: "Declared while backfilling",
        severity_id: world.snapshot.severities[0]?.id ?? "",
      });
      declared = incident.id;
    };
    await backfill(world.store, world.source, { clock: world.clock });
    world.intercept.current = undefined;
    // The edit landed on a page already read; the new incident came last, oldest first.
    expect((await getMirroredIncident(world.store.db, { account: "prod", id: first }))?.name).toBe(
      "Incident 1",
    );
    expect((await getMirroredIncident(world.store.db, { account: "prod", id: declared }))?.name).toBe(
      "Declared while backfilling",
    );

    world.requests.length = 0;
    const result = await reconcile(world.store, world.source, { clock: world.clock });
    expect((await getMirroredIncident(world.store.db, { account: "prod", id: first }))?.name).toBe(
      "Edited while backfilling",
    );
    expect(result.written).toBeGreaterThanOrEqual(1);
    expect(result.fetched).toBeLessThan(10);
    const [list] = world.requests.filter((r) => r.startsWith("GET /v2/incidents?"));
    expect(list).toContain(`updated_at[gte]=${encodeURIComponent(result.since)}`);
    expect(await countMirroredIncidents(world.store.db)).toBe(601);
  });

  it("catches an edit no webhook reported, asking only for incidents updated since its mark", async () => {
    m = await startMirrorTest(30);
    await backfill(m.store, m.source, { clock: m.clock });
    await reconcile(m.store, m.source, { clock: m.clock });
    const target = m.snapshot.incidents[5]?.id ?? "";
    await rename(m, target, "Renamed later");
    const before = await syncRow(m.store.db, "prod");
    const result = await reconcile(m.store, m.source, { clock: m.clock });
    expect(Date.parse(result.since)).toBe(Date.parse(before.reconcile_from ?? "") - 120_000);
    expect(result.fetched).toBeLessThan(5);
    expect((await getMirroredIncident(m.store.db, { account: "prod", id: target }))?.name).toBe(
      "Renamed later",
    );
    const after = await syncRow(m.store.db, "prod");
    expect(after.last_seen_updated_at).toBe(
      (await listMirroredIncidents(m.store.db))
        .map((i) => i.updatedAt)
        .sort()
        .at(-1),
    );
  });
});

describe("refreshing one incident", () => {
  it("re-reads it with one request and keeps the newer copy", async () => {
    m = await startMirrorTest(3);
    await backfill(m.store, m.source, { clock: m.clock });
    const target = m.snapshot.incidents[1]?.id ?? "";
    await rename(m, target, "Refreshed by webhook");
    m.requests.length = 0;
    const mirrored = await refreshIncident(m.store, m.source, target, { clock: m.clock });
    expect(m.requests).toEqual([`GET /v2/incidents/${target}`]);
    expect(mirrored).toMatchObject({ id: target, name: "Refreshed by webhook", account: "prod" });
    expect((await getMirroredIncident(m.store.db, { account: "prod", id: target }))?.name).toBe(
      "Refreshed by webhook",
    );
  });
});
