import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incident } from "../api/index.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { flattenIncident } from "./flatten.js";
import {
  countMirroredIncidents,
  getMirroredIncident,
  getMirroredRaw,
  listMirroredIncidents,
  upsertMirroredIncident,
} from "./incident-store.js";
import { incidentJson } from "./testing.js";

let store: Store;

beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

const AT = "2024-05-02T09:30:00.000Z";

function put(json: Incident, account = "prod"): Promise<boolean> {
  return upsertMirroredIncident(store.db, flattenIncident(json, { account }), json, AT);
}

const status = (category: string) => ({
  id: `st-${category}`,
  name: category,
  description: "",
  rank: 1,
  category,
  created_at: AT,
  updated_at: AT,
});
const severity = (name: string, rank: number) => ({
  id: `sev-${name.toLowerCase()}`,
  name,
  description: "",
  rank,
  created_at: AT,
  updated_at: AT,
});

describe("upserting mirrored incidents", () => {
  it("keeps two accounts' incidents apart, even with the same ID", async () => {
    const json = incidentJson({ name: "Checkout down" });
    expect(await put(json, "prod")).toBe(true);
    expect(await put({ ...json, name: "Staging checkout down" }, "staging")).toBe(true);
    expect((await getMirroredIncident(store.db, { account: "prod", id: json.id }))?.name).toBe(
      "Checkout down",
    );
    expect((await getMirroredIncident(store.db, { account: "staging", id: json.id }))?.name).toBe(
      "Staging checkout down",
    );
    expect(await countMirroredIncidents(store.db)).toBe(2);
  });

  it("ignores a late copy older than the one mirrored, and takes a newer one", async () => {
    const newer = incidentJson({ name: "Checkout down (edited)", updated_at: "2024-05-01T10:00:00.900Z" });
    // Microseconds sort after milliseconds as text; the older copy must still lose.
    const older = incidentJson({ name: "Checkout down", updated_at: "2024-05-01T10:00:00.123456Z" });
    expect(await put(newer)).toBe(true);
    expect(await put(older)).toBe(false);
    expect((await getMirroredIncident(store.db, { account: "prod", id: newer.id }))?.name).toBe(
      "Checkout down (edited)",
    );
    expect(await getMirroredRaw(store.db, { account: "prod", id: newer.id })).toMatchObject({
      name: "Checkout down (edited)",
    });

    const newest = incidentJson({ name: "Checkout restored", updated_at: "2024-05-01T10:00:01Z" });
    expect(await put(newest)).toBe(true);
    expect(await getMirroredIncident(store.db, { account: "prod", id: newer.id })).toMatchObject({
      name: "Checkout restored",
      updatedAt: "2024-05-01T10:00:01.000Z",
    });
    expect(await countMirroredIncidents(store.db)).toBe(1);
  });

  it("rewrites a copy of the same version, so a reordered severity's rank is picked up", async () => {
    const json = incidentJson();
    await put(json);
    await upsertMirroredIncident(
      store.db,
      flattenIncident(json, { account: "prod", severityRanks: new Map([["sev-minor", 4]]) }),
      json,
      AT,
    );
    expect((await getMirroredIncident(store.db, { account: "prod", id: json.id }))?.severity?.rank).toBe(4);
  });
});

describe("listing mirrored incidents", () => {
  beforeEach(async () => {
    const make = (n: number, overrides: Partial<Incident>) =>
      incidentJson({
        id: `inc-${n}`,
        reference: `INC-${n}`,
        created_at: `2024-0${n}-01T00:00:00Z`,
        updated_at: `2024-0${n}-02T00:00:00Z`,
        ...overrides,
      });
    await put(make(1, { incident_status: status("closed"), severity: severity("Minor", 1) }));
    await put(make(2, { incident_status: status("live"), severity: severity("Major", 2) }));
    await put(make(3, { incident_status: status("learning"), severity: severity("Critical", 3) }));
    await put(
      make(4, { incident_status: status("live"), severity: severity("Critical", 3), mode: "test" }),
      "staging",
    );
  });

  const refs = async (filter: Parameters<typeof listMirroredIncidents>[1], page = {}) =>
    (await listMirroredIncidents(store.db, filter, page)).map((incident) => incident.reference);

  it("filters by account, status category, severity, rank, mode and creation window, newest first", async () => {
    expect(await refs({})).toEqual(["INC-4", "INC-3", "INC-2", "INC-1"]);
    expect(await refs({ account: "prod" })).toEqual(["INC-3", "INC-2", "INC-1"]);
    expect(await refs({ statusCategory: ["learning", "closed"] })).toEqual(["INC-3", "INC-1"]);
    expect(await refs({ severity: ["critical", "sev-minor"] })).toEqual(["INC-4", "INC-3", "INC-1"]);
    expect(await refs({ severityRankGte: 2, statusCategory: "live" })).toEqual(["INC-4", "INC-2"]);
    expect(await refs({ severityRankLte: 2 })).toEqual(["INC-2", "INC-1"]);
    expect(await refs({ mode: "test" })).toEqual(["INC-4"]);
    expect(await refs({ createdFrom: "2024-02-01", createdBefore: "2024-04-01T00:00:00Z" })).toEqual([
      "INC-3",
      "INC-2",
    ]);
    expect(await refs({}, { limit: 2, offset: 1 })).toEqual(["INC-3", "INC-2"]);
    expect(await refs({}, { offset: 3 })).toEqual(["INC-1"]);
    expect(await countMirroredIncidents(store.db, { account: "prod", statusCategory: "live" })).toBe(1);
  });
});
