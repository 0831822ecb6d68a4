import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import type { Emulator } from "./index.js";
import type { IncidentRecord, Snapshot } from "./model.js";
import { call, type IncidentOverrides, incidentRecord, named, testSnapshot, tokenFor } from "./testing.js";

let snapshot: Snapshot;
let t: TestEmulator;
let emulator: Emulator;
let token: string;
const inc: Record<string, IncidentRecord> = {};

/** Eight incidents with known attributes; created one hour apart on 2024-01-01 (numbers 1..8). */
beforeAll(async () => {
  snapshot = testSnapshot();
  const s = snapshot;
  const sev = (name: string) => named(s.severities, name).id;
  const status = (name: string) => named(s.incident_statuses, name).id;
  const team = named(s.custom_fields, "Affected team");
  const service = named(s.custom_fields, "Service");
  const option = (value: string) => s.custom_field_options.find((o) => o.value === value)?.id ?? "";
  const lead = named(s.incident_roles, "Incident Lead");
  const ada = named(s.users, "Ada Lovelace");
  const add = (key: string, number: number, overrides: IncidentOverrides) => {
    inc[key] = incidentRecord(s, number, overrides);
  };
  add("minorLive", 1, {});
  add("majorLive", 2, {
    severity_id: sev("Major"),
    custom_field_entries: [{ custom_field_id: team.id, values: [{ value_option_id: option("Payments") }] }],
    role_assignments: [{ incident_role_id: lead.id, assignee_user_id: ada.id }],
  });
  add("criticalClosed", 3, {
    severity_id: sev("Critical"),
    incident_status_id: status("Closed"),
    custom_field_entries: [{ custom_field_id: team.id, values: [{ value_option_id: option("Platform") }] }],
  });
  add("triageNoSeverity", 4, { severity_id: undefined, incident_status_id: status("Triage") });
  add("test", 5, { mode: "test", severity_id: sev("Critical") });
  add("tutorial", 6, { mode: "tutorial" });
  add("retro", 7, {
    mode: "retrospective",
    incident_status_id: status("Post-incident"),
    incident_type_id: named(s.incident_types, "Security").id,
    custom_field_entries: [
      { custom_field_id: service.id, values: [{ value_catalog_entry_id: s.catalog_entries[0]?.id ?? "" }] },
    ],
  });
  add("lateUpdate", 8, { updated_at: "2024-03-05T12:00:00.000Z" });
  s.incidents = Object.values(inc);
  t = await startTestEmulator({
    ephemeral: true,
    snapshot: s,
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
  emulator = t.emulator;
  token = tokenFor(s, "Viewer");
});

afterAll(() => t.close());

async function list(query: string) {
  const reply = await call(emulator, "GET", `/v2/incidents${query ? `?${query}` : ""}`, { token });
  return reply;
}

/** The incident keys a query returns, in response order. */
async function keys(query: string): Promise<string[]> {
  const reply = await list(query);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const byId = new Map(Object.entries(inc).map(([key, record]) => [record.id, key]));
  return reply.body.incidents.map((incident: { id: string }) => byId.get(incident.id));
}

async function error(query: string) {
  const reply = await list(query);
  expect(reply.status).toBe(422);
  expect(reply.body.type).toBe("validation_error");
  return reply.body.errors[0];
}

const ids = (name: keyof typeof inc) => inc[name]?.id;

describe("GET /v2/incidents filters", () => {
  it("excludes test and tutorial incidents unless asked, newest first", async () => {
    expect(await keys("")).toEqual([
      "lateUpdate",
      "retro",
      "triageNoSeverity",
      "criticalClosed",
      "majorLive",
      "minorLive",
    ]);
    expect(await keys("mode[one_of]=test&mode[one_of]=tutorial")).toEqual(["tutorial", "test"]);
  });

  it("sorts oldest first when asked", async () => {
    expect((await keys("sort_by=created_at_oldest_first"))[0]).toBe("minorLive");
  });

  it("filters by status and status category, one_of and not_in", async () => {
    const closed = named(snapshot.incident_statuses, "Closed").id;
    expect(await keys(`status[one_of]=${closed}`)).toEqual(["criticalClosed"]);
    expect(await keys(`status[not_in]=${closed}`)).not.toContain("criticalClosed");
    expect(await keys("status_category[one_of]=live")).toEqual(["lateUpdate", "majorLive", "minorLive"]);
    expect(await keys("status_category[not_in]=live&status_category[not_in]=triage")).toEqual([
      "retro",
      "criticalClosed",
    ]);
  });

  it("filters by severity ID and by rank with gte/lte", async () => {
    const major = named(snapshot.severities, "Major").id;
    expect(await keys(`severity[one_of]=${major}`)).toEqual(["majorLive"]);
    expect(await keys(`severity[gte]=${major}`)).toEqual(["criticalClosed", "majorLive"]);
    expect(await keys(`severity[lte]=${major}`)).toEqual(["lateUpdate", "retro", "majorLive", "minorLive"]);
    expect(await keys(`severity[not_in]=${major}`)).toContain("triageNoSeverity");
  });

  it("filters created_at and updated_at with gte, lte and whole-day date ranges", async () => {
    // Incident n was created at 2024-01-01T0n:00Z.
    expect(await keys("created_at[gte]=2024-01-01T06:00:00Z")).toEqual(["lateUpdate", "retro"]);
    expect(await keys("created_at[lte]=2024-01-01T02:00:00Z")).toEqual(["majorLive", "minorLive"]);
    expect(await keys("created_at[lte]=2024-01-01")).toEqual([]);
    expect((await keys("created_at[date_range]=2024-01-01~2024-01-01")).length).toBe(6);
    expect(await keys("created_at[date_range]=2023-12-30~2023-12-31")).toEqual([]);
    expect(await keys("updated_at[gte]=2024-03-01")).toEqual(["lateUpdate"]);
    expect(await keys("updated_at[date_range]=2024-03-05~2024-03-05")).toEqual(["lateUpdate"]);
  });

  it("filters by incident type", async () => {
    const security = named(snapshot.incident_types, "Security").id;
    expect(await keys(`incident_type[one_of]=${security}`)).toEqual(["retro"]);
    expect(await keys(`incident_type[not_in]=${security}`)).not.toContain("retro");
  });

  it("filters by incident role assignee and whether the role is held", async () => {
    const lead = named(snapshot.incident_roles, "Incident Lead").id;
    const ada = named(snapshot.users, "Ada Lovelace").id;
    expect(await keys(`incident_role[${lead}][one_of]=${ada}`)).toEqual(["majorLive"]);
    expect(await keys(`incident_role[${lead}][is_set]=true`)).toEqual(["majorLive"]);
    expect(await keys(`incident_role[${lead}][is_blank]=false`)).toEqual(["majorLive"]);
    expect(await keys(`incident_role[${lead}][is_blank]=true`)).not.toContain("majorLive");
  });

  it("filters by custom field option and by catalog entry", async () => {
    const team = named(snapshot.custom_fields, "Affected team").id;
    const payments = snapshot.custom_field_options.find((o) => o.value === "Payments")?.id;
    expect(await keys(`custom_field[${team}][one_of]=${payments}`)).toEqual(["majorLive"]);
    expect(await keys(`custom_field[${team}][not_in]=${payments}`)).not.toContain("majorLive");
    const service = named(snapshot.custom_fields, "Service").id;
    expect(await keys(`custom_field[${service}][one_of]=${snapshot.catalog_entries[0]?.id}`)).toEqual([
      "retro",
    ]);
  });

  it("combines filters with AND by default and OR with filter_mode=any, keeping the mode filter as AND", async () => {
    const major = named(snapshot.severities, "Major").id;
    const critical = named(snapshot.severities, "Critical").id;
    const both = `severity[one_of]=${major}&status_category[one_of]=closed`;
    expect(await keys(both)).toEqual([]);
    expect(await keys(`${both}&filter_mode=any`)).toEqual(["criticalClosed", "majorLive"]);
    // The test incident is Critical, but test incidents stay out under filter_mode=any.
    expect(await keys(`severity[one_of]=${critical}&filter_mode=any`)).toEqual(["criticalClosed"]);
  });

  it("ignores unbracketed filter keys, as the live API does", async () => {
    expect((await keys("one_of=nonsense&status=whatever")).length).toBe(6);
  });

  it("answers 422 naming the field for bad operators, unknown IDs and malformed dates", async () => {
    expect((await error("status[gte]=x")).source.field).toBe("status");
    expect((await error("severity[one_of]=nope")).source.field).toBe("severity");
    expect((await error("status[one_of]=nope")).source.field).toBe("status");
    expect((await error("incident_type[one_of]=nope")).source.field).toBe("incident_type");
    expect((await error("created_at[gte]=yesterday")).source.field).toBe("created_at");
    expect((await error("created_at[date_range]=2024-01-01")).source.field).toBe("created_at");
    expect((await error("updated_at[lte]=2024-02-30")).source.field).toBe("updated_at");
    expect((await error("custom_field[nope][one_of]=x")).source.field).toBe("custom_field");
    expect((await error("incident_role[nope][is_set]=true")).source.field).toBe("incident_role");
    expect((await error("mode[one_of]=real")).source.field).toBe("mode");
    expect((await error("sort_by=random")).source.field).toBe("sort_by");
  });
});

describe("GET /v2/incidents pagination", () => {
  it("walks every page once, with no after on the last page", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const reply = await list(
        `page_size=4${after ? `&after=${after}` : ""}&mode[one_of]=standard&mode[one_of]=retrospective&mode[one_of]=test&mode[one_of]=tutorial`,
      );
      expect(reply.status).toBe(200);
      expect(reply.body.pagination_meta.total_record_count).toBe(8);
      seen.push(...reply.body.incidents.map((i: { id: string }) => i.id));
      after = reply.body.pagination_meta.after;
      pages++;
    } while (after);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(8);
    expect(seen).toHaveLength(8);
  });

  it("has no after when everything fits, and a page_size echo", async () => {
    const reply = await list("page_size=6");
    expect(reply.body.incidents).toHaveLength(6);
    expect(reply.body.pagination_meta).toEqual({ page_size: 6, total_record_count: 6 });
  });

  it("continues after the given incident in response order, for either sort", async () => {
    expect(await keys(`page_size=2&after=${ids("retro")}`)).toEqual(["triageNoSeverity", "criticalClosed"]);
    expect(await keys(`page_size=2&sort_by=created_at_oldest_first&after=${ids("majorLive")}`)).toEqual([
      "criticalClosed",
      "triageNoSeverity",
    ]);
  });

  it("honours page_size 1 and 250, clamps 251..500 to 250, refuses 0 and 501", async () => {
    expect((await list("page_size=1")).body.incidents).toHaveLength(1);
    expect((await list("page_size=250")).body.pagination_meta.page_size).toBe(250);
    expect((await list("page_size=251")).body.pagination_meta.page_size).toBe(250);
    expect((await list("page_size=500")).body.pagination_meta.page_size).toBe(250);
    for (const bad of ["0", "501", "-1", "2.5", "ten"]) {
      expect((await error(`page_size=${bad}`)).source.field).toBe("page_size");
    }
  });

  it("refuses an unknown after cursor", async () => {
    expect((await error("after=01NOTANINCIDENT")).source.field).toBe("after");
  });
});

describe("GET /v2/incidents/{id}", () => {
  it("finds an incident by ID or by the number of its reference", async () => {
    const byId = await call(emulator, "GET", `/v2/incidents/${ids("majorLive")}`, { token });
    expect(byId.body.incident.reference).toBe("INC-2");
    const byNumber = await call(emulator, "GET", "/v2/incidents/2", { token });
    expect(byNumber.body.incident.id).toBe(ids("majorLive"));
  });

  it("answers 404 not_found for an unknown incident", async () => {
    const reply = await call(emulator, "GET", "/v2/incidents/999", { token });
    expect(reply.status).toBe(404);
    expect(reply.body.type).toBe("not_found");
  });
});
