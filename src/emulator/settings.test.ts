import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { Snapshot } from "./model.js";
import { call, incidentRecord, named, testSnapshot, tokenFor } from "./testing.js";

const START = Date.UTC(2024, 4, 1);
let t: TestEmulator;
let snapshot: Snapshot;
let clock: ManualClock;
let viewer: string;
let admin: string;

beforeEach(async () => {
  snapshot = testSnapshot(START);
  snapshot.incidents = [incidentRecord(snapshot, 1)];
  clock = new ManualClock(START + 60_000);
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
  viewer = tokenFor(snapshot, "Viewer");
  admin = t.adminKey;
});

afterEach(() => t.close());

const get = (path: string, token = viewer) => call(t.emulator, "GET", path, { token });
const send = (method: string, path: string, body: unknown, token = admin) =>
  call(t.emulator, method, path, { token, body });

/** The first field error of a 422, after checking it is one. */
function fieldError(reply: {
  status: number;
  body: { type: string; errors: { source?: { field: string } }[] };
}) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(422);
  expect(reply.body.type).toBe("validation_error");
  return reply.body.errors[0]?.source?.field;
}

function expectNotFound(reply: { status: number; body: { type: string } }) {
  expect(reply.status).toBe(404);
  expect(reply.body.type).toBe("not_found");
}

describe("severities", () => {
  it("lists the organisation's severities by rank and shows one", async () => {
    const list = await get("/v1/severities");
    expect(list.status).toBe(200);
    expect(list.body.severities.map((s: { name: string }) => s.name)).toEqual(["Minor", "Major", "Critical"]);
    const major = named(snapshot.severities, "Major");
    const shown = await get(`/v1/severities/${major.id}`);
    expect(shown.body.severity).toMatchObject({ id: major.id, name: "Major", rank: 2 });
    expectNotFound(await get("/v1/severities/01NOSUCHSEVERITY"));
  });

  it("creates a severity ranked above the others unless a rank is given", async () => {
    const created = await send("POST", "/v1/severities", { name: "Catastrophic", description: "Everything" });
    expect(created.status).toBe(201);
    expect(created.body.severity).toMatchObject({ name: "Catastrophic", description: "Everything", rank: 4 });
    expect(created.body.severity.created_at).toBe(new Date(clock.now()).toISOString());
    const trivial = await send("POST", "/v1/severities", { name: "Trivial", description: "Meh", rank: 0 });
    expect(trivial.body.severity.rank).toBe(0);
    const names = (await get("/v1/severities")).body.severities.map((s: { name: string }) => s.name);
    expect(names).toEqual(["Trivial", "Minor", "Major", "Critical", "Catastrophic"]);
    const shown = await get(`/v1/severities/${created.body.severity.id}`);
    expect(shown.body.severity.name).toBe("Catastrophic");
  });

  it("refuses a severity without a name, with a bad rank or a name over 50 characters, naming the field", async () => {
    expect(fieldError(await send("POST", "/v1/severities", { description: "x" }))).toBe("name");
    expect(fieldError(await send("POST", "/v1/severities", { name: "", description: "x" }))).toBe("name");
    const long = "x".repeat(51);
    expect(fieldError(await send("POST", "/v1/severities", { name: long, description: "x" }))).toBe("name");
    expect(fieldError(await send("POST", "/v1/severities", { name: "A" }))).toBe("description");
    for (const rank of ["high", 1.5, null]) {
      expect(fieldError(await send("POST", "/v1/severities", { name: "A", description: "x", rank }))).toBe(
        "rank",
      );
    }
    const missing = await send("POST", "/v1/severities", { description: "x" });
    expect(missing.body.errors[0].code).toBe("is_required");
    expect((await get("/v1/severities")).body.severities).toHaveLength(3);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const reply = await call(t.emulator, "POST", "/v1/severities", { token: admin, rawBody: "{nope" });
    expect(reply.status).toBe(400);
    expect(reply.body.type).toBe("invalid_request_error");
  });

  it("updates a severity, keeping its rank unless one is given", async () => {
    const minor = named(snapshot.severities, "Minor");
    clock.advance(5_000);
    const updated = await send("PUT", `/v1/severities/${minor.id}`, { name: "Low", description: "Small" });
    expect(updated.status).toBe(200);
    expect(updated.body.severity).toMatchObject({ id: minor.id, name: "Low", description: "Small", rank: 1 });
    expect(updated.body.severity.created_at).toBe(minor.created_at);
    expect(updated.body.severity.updated_at).toBe(new Date(clock.now()).toISOString());
    const reranked = await send("PUT", `/v1/severities/${minor.id}`, {
      name: "Low",
      description: "",
      rank: 9,
    });
    expect(reranked.body.severity.rank).toBe(9);
    expect((await get(`/v1/severities/${minor.id}`)).body.severity).toMatchObject({ name: "Low", rank: 9 });
    expect(fieldError(await send("PUT", `/v1/severities/${minor.id}`, { name: "Low" }))).toBe("description");
    expectNotFound(await send("PUT", "/v1/severities/01NOSUCHSEVERITY", { name: "A", description: "x" }));
  });

  it("deletes a severity with 202 and no body, after which it is gone", async () => {
    const major = named(snapshot.severities, "Major");
    const deleted = await call(t.emulator, "DELETE", `/v1/severities/${major.id}`, { token: admin });
    expect(deleted.status).toBe(202);
    expect(deleted.body).toBeUndefined();
    expectNotFound(await get(`/v1/severities/${major.id}`));
    expect((await get("/v1/severities")).body.severities.map((s: { name: string }) => s.name)).toEqual([
      "Minor",
      "Critical",
    ]);
    expectNotFound(await call(t.emulator, "DELETE", `/v1/severities/${major.id}`, { token: admin }));
  });

  it("lets a manage_settings key write severities but not a viewer", async () => {
    const settings = t.emulator.createApiKey("Settings", ["manage_settings"]).token;
    const body = { name: "New", description: "x" };
    expect((await send("POST", "/v1/severities", body, settings)).status).toBe(201);
    expect((await send("POST", "/v1/severities", body, viewer)).status).toBe(403);
  });
});

describe("incident statuses", () => {
  const names = async () =>
    (await get("/v1/incident_statuses")).body.incident_statuses.map(
      (s: { name: string; category: string }) => `${s.category}:${s.name}`,
    );

  it("lists statuses by rank with their categories and shows one", async () => {
    const list = await names();
    expect(list).toContain("live:Investigating");
    expect(list).toContain("live:Fixing");
    expect(list).toContain("learning:Post-incident");
    expect(list).toContain("closed:Closed");
    expect(list).toContain("triage:Triage");
    const ranks = (await get("/v1/incident_statuses")).body.incident_statuses.map(
      (s: { rank: number }) => s.rank,
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const fixing = named(snapshot.incident_statuses, "Fixing");
    const shown = await get(`/v1/incident_statuses/${fixing.id}`);
    expect(shown.body.incident_status).toMatchObject({ id: fixing.id, name: "Fixing", category: "live" });
    expectNotFound(await get("/v1/incident_statuses/01NOSUCHSTATUS"));
  });

  it("creates live, learning and closed statuses", async () => {
    for (const category of ["live", "learning", "closed"]) {
      const created = await send("POST", "/v1/incident_statuses", {
        name: `New ${category}`,
        description: "d",
        category,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.incident_status).toMatchObject({ name: `New ${category}`, category });
      const shown = await get(`/v1/incident_statuses/${created.body.incident_status.id}`);
      expect(shown.body.incident_status.name).toBe(`New ${category}`);
    }
    expect(await names()).toEqual(expect.arrayContaining(["live:New live", "closed:New closed"]));
  });

  it("places a new status after the others of its category, keeping ranks distinct", async () => {
    const create = (name: string, category: string) =>
      send("POST", "/v1/incident_statuses", { name, description: "d", category });
    await create("Monitoring", "live");
    await create("Reviewing", "learning");
    await create("Archived", "closed");
    const list = (await get("/v1/incident_statuses")).body.incident_statuses as {
      name: string;
      rank: number;
    }[];
    const order = list.map((s) => s.name);
    expect(order.indexOf("Monitoring")).toBe(order.indexOf("Fixing") + 1);
    expect(order.indexOf("Reviewing")).toBe(order.indexOf("Post-incident") + 1);
    expect(order.indexOf("Archived")).toBe(order.indexOf("Closed") + 1);
    expect(new Set(list.map((s) => s.rank)).size).toBe(list.length);
  });

  it("puts the first status of a lifecycle stage before the later stages", async () => {
    const empty = await startTestEmulator({ ephemeral: true, seed: "empty" });
    try {
      const reply = await call(empty.emulator, "POST", "/v1/incident_statuses", {
        token: empty.adminKey,
        body: { name: "Reviewing", description: "d", category: "learning" },
      });
      expect(reply.status).toBe(201);
      const list = await call(empty.emulator, "GET", "/v1/incident_statuses", { token: empty.adminKey });
      const order = list.body.incident_statuses.map((s: { name: string }) => s.name);
      expect(order.slice(-3)).toEqual(["Investigating", "Reviewing", "Closed"]);
    } finally {
      await empty.close();
    }
  });

  it("refuses a name another status already has", async () => {
    const taken = await send("POST", "/v1/incident_statuses", {
      name: "fixing",
      description: "d",
      category: "live",
    });
    expect(fieldError(taken)).toBe("name");
    const closed = named(snapshot.incident_statuses, "Closed");
    const renamed = await send("PUT", `/v1/incident_statuses/${closed.id}`, {
      name: "Fixing",
      description: "d",
    });
    expect(fieldError(renamed)).toBe("name");
    const same = await send("PUT", `/v1/incident_statuses/${closed.id}`, {
      name: "Closed",
      description: "Done",
    });
    expect(same.status).toBe(200);
  });

  it("refuses the categories incident.io manages, and missing fields, naming the field", async () => {
    for (const category of ["triage", "declined", "merged", "canceled", "paused", "active", undefined]) {
      const reply = await send("POST", "/v1/incident_statuses", { name: "X", description: "d", category });
      expect(fieldError(reply)).toBe("category");
    }
    expect(
      fieldError(await send("POST", "/v1/incident_statuses", { description: "d", category: "live" })),
    ).toBe("name");
    expect(fieldError(await send("POST", "/v1/incident_statuses", { name: "X", category: "live" }))).toBe(
      "description",
    );
  });

  it("updates the name and description of a configurable status, not of one incident.io manages", async () => {
    const fixing = named(snapshot.incident_statuses, "Fixing");
    const updated = await send("PUT", `/v1/incident_statuses/${fixing.id}`, {
      name: "Mitigating",
      description: "Stopping the bleeding",
    });
    expect(updated.status).toBe(200);
    expect(updated.body.incident_status).toMatchObject({
      name: "Mitigating",
      category: "live",
      rank: fixing.rank,
    });
    const triage = named(snapshot.incident_statuses, "Triage");
    expect(
      (await send("PUT", `/v1/incident_statuses/${triage.id}`, { name: "Sorting", description: "d" })).status,
    ).toBe(422);
    expect(fieldError(await send("PUT", `/v1/incident_statuses/${fixing.id}`, { description: "d" }))).toBe(
      "name",
    );
    expectNotFound(await send("PUT", "/v1/incident_statuses/01NOSUCH", { name: "A", description: "d" }));
  });

  it("deletes an unused status with 202; refuses one in use or managed by incident.io", async () => {
    const fixing = named(snapshot.incident_statuses, "Fixing");
    const deleted = await call(t.emulator, "DELETE", `/v1/incident_statuses/${fixing.id}`, { token: admin });
    expect(deleted.status).toBe(202);
    expectNotFound(await get(`/v1/incident_statuses/${fixing.id}`));
    expect(await names()).not.toContain("live:Fixing");
    const investigating = named(snapshot.incident_statuses, "Investigating");
    const inUse = await call(t.emulator, "DELETE", `/v1/incident_statuses/${investigating.id}`, {
      token: admin,
    });
    expect(inUse.status).toBe(422);
    expect(inUse.body.errors[0].message).toContain("INC-1");
    const triage = named(snapshot.incident_statuses, "Triage");
    expect(
      (await call(t.emulator, "DELETE", `/v1/incident_statuses/${triage.id}`, { token: admin })).status,
    ).toBe(422);
    expect(await names()).toContain("triage:Triage");
  });

  it("needs the incident_lifecycles.update scope to write", async () => {
    const body = { name: "X", description: "d", category: "live" };
    const refused = await send("POST", "/v1/incident_statuses", body, tokenFor(snapshot, "Bot"));
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].metadata.required_scope).toBe("incident_lifecycles.update");
  });
});

describe("read-only configuration", () => {
  it("lists and shows incident types", async () => {
    const list = await get("/v1/incident_types");
    expect(list.body.incident_types.map((x: { name: string }) => x.name)).toEqual([
      "Default",
      "Triaged",
      "Security",
    ]);
    const security = named(snapshot.incident_types, "Security");
    const shown = await get(`/v1/incident_types/${security.id}`);
    expect(shown.body.incident_type).toMatchObject({ name: "Security", private_incidents_only: true });
    expectNotFound(await get("/v1/incident_types/01NOSUCHTYPE"));
  });

  it("lists and shows custom fields with their types and catalog link", async () => {
    const list = await get("/v2/custom_fields");
    expect(list.body.custom_fields).toHaveLength(6);
    const service = named(snapshot.custom_fields, "Service");
    const shown = await get(`/v2/custom_fields/${service.id}`);
    expect(shown.body.custom_field).toMatchObject({
      name: "Service",
      field_type: "single_select",
      catalog_type_id: snapshot.catalog_types[0]?.id,
    });
    expectNotFound(await get("/v2/custom_fields/01NOSUCHFIELD"));
  });

  it("lists the options of one custom field in sort order, page by page", async () => {
    const team = named(snapshot.custom_fields, "Affected team");
    const all = await get(`/v1/custom_field_options?custom_field_id=${team.id}`);
    expect(all.status).toBe(200);
    expect(all.body.custom_field_options.map((o: { value: string }) => o.value)).toEqual([
      "Payments",
      "Platform",
      "Mobile",
    ]);
    expect(all.body.pagination_meta).toEqual({ page_size: 25 });
    const first = await get(`/v1/custom_field_options?custom_field_id=${team.id}&page_size=2`);
    expect(first.body.custom_field_options.map((o: { value: string }) => o.value)).toEqual([
      "Payments",
      "Platform",
    ]);
    const after = first.body.pagination_meta.after;
    expect(after).toBe(first.body.custom_field_options[1].id);
    const second = await get(
      `/v1/custom_field_options?custom_field_id=${team.id}&page_size=2&after=${after}`,
    );
    expect(second.body.custom_field_options.map((o: { value: string }) => o.value)).toEqual(["Mobile"]);
    expect(second.body.pagination_meta.after).toBeUndefined();
    const option = first.body.custom_field_options[0];
    expect((await get(`/v1/custom_field_options/${option.id}`)).body.custom_field_option).toEqual(option);
  });

  it("refuses option lists without a known custom_field_id or with a bad page", async () => {
    expect(fieldError(await get("/v1/custom_field_options"))).toBe("custom_field_id");
    expectNotFound(await get("/v1/custom_field_options?custom_field_id=01NOSUCHFIELD"));
    const team = named(snapshot.custom_fields, "Affected team").id;
    expect(fieldError(await get(`/v1/custom_field_options?custom_field_id=${team}&page_size=251`))).toBe(
      "page_size",
    );
    expect(fieldError(await get(`/v1/custom_field_options?custom_field_id=${team}&after=01NOPE`))).toBe(
      "after",
    );
    expectNotFound(await get("/v1/custom_field_options/01NOSUCHOPTION"));
  });

  it("lists and shows incident roles", async () => {
    const names = (await get("/v2/incident_roles")).body.incident_roles.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(["Incident Lead", "Reporter", "Comms"]));
    const comms = named(snapshot.incident_roles, "Comms");
    const shown = await get(`/v2/incident_roles/${comms.id}`);
    expect(shown.body.incident_role).toMatchObject({
      name: "Comms",
      shortform: "comms",
      role_type: "custom",
    });
    expectNotFound(await get("/v2/incident_roles/01NOSUCHROLE"));
  });

  it("lists incident timestamps by rank to any valid key, and shows one", async () => {
    const catalogOnly = t.emulator.createApiKey("Catalog", ["catalog_viewer"]).token;
    const list = await get("/v2/incident_timestamps", catalogOnly);
    expect(list.status).toBe(200);
    expect(list.body.incident_timestamps.map((x: { name: string }) => x.name)).toEqual([
      "Impact started",
      "Fixed at",
    ]);
    const fixed = named(snapshot.incident_timestamps, "Fixed at");
    expect((await get(`/v2/incident_timestamps/${fixed.id}`)).body.incident_timestamp).toEqual({
      id: fixed.id,
      name: "Fixed at",
      rank: 2,
    });
    expectNotFound(await get("/v2/incident_timestamps/01NOSUCHTIMESTAMP"));
    expect((await get("/v1/severities", catalogOnly)).status).toBe(403);
  });
});

describe("users and identity", () => {
  const userNames = async (query: string) => {
    const reply = await get(`/v2/users${query}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.users.map((u: { name: string }) => u.name);
  };

  it("lists active users unless inactive ones are asked for", async () => {
    expect(await userNames("")).toEqual(["Ada Lovelace", "Grace Hopper"]);
    expect(await userNames("?include_inactive=true")).toEqual(["Ada Lovelace", "Grace Hopper", "Old Timer"]);
    expect(fieldError(await get("/v2/users?include_inactive=maybe"))).toBe("include_inactive");
  });

  it("filters by email, ignoring case, and by Slack user ID", async () => {
    expect(await userNames("?email=GRACE@example.com")).toEqual(["Grace Hopper"]);
    expect(await userNames("?email=nobody@example.com")).toEqual([]);
    const ada = named(snapshot.users, "Ada Lovelace");
    expect(await userNames(`?slack_user_id=${ada.slack_user_id}`)).toEqual(["Ada Lovelace"]);
  });

  it("pages through users with after", async () => {
    const first = await get("/v2/users?page_size=1&include_inactive=true");
    expect(first.body.users.map((u: { name: string }) => u.name)).toEqual(["Ada Lovelace"]);
    const after = first.body.pagination_meta.after;
    expect(await userNames(`?page_size=1&include_inactive=true&after=${after}`)).toEqual(["Grace Hopper"]);
    const last = await get(`/v2/users?page_size=2&include_inactive=true&after=${after}`);
    expect(last.body.users.map((u: { name: string }) => u.name)).toEqual(["Grace Hopper", "Old Timer"]);
    expect(last.body.pagination_meta).toEqual({ page_size: 2 });
    expect(fieldError(await get("/v2/users?page_size=10001"))).toBe("page_size");
  });

  it("shows a user with roles and seats, or 404", async () => {
    const ada = named(snapshot.users, "Ada Lovelace");
    const shown = await get(`/v2/users/${ada.id}`);
    expect(shown.body.user).toMatchObject({
      id: ada.id,
      email: "ada@example.com",
      is_active: true,
      base_role: { slug: "responder" },
    });
    expectNotFound(await get("/v2/users/01NOSUCHUSER"));
  });

  it("tells a key its own name and roles", async () => {
    const identity = (await get("/v1/identity")).body.identity;
    expect(identity).toMatchObject({ name: "Viewer", roles: ["viewer"] });
    expect(identity.dashboard_url).toMatch(/^https:\/\/app\.incident\.io\//);
    const bot = (await get("/v1/identity", tokenFor(snapshot, "Bot"))).body.identity;
    expect(bot).toMatchObject({ name: "Bot", roles: ["viewer", "incident_creator", "incident_editor"] });
  });
});
