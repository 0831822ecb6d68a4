import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import type { IncidentRecord, Snapshot } from "./model.js";
import { call, incidentRecord, named, type Reply, testSnapshot, tokenFor } from "./testing.js";

/**
 * Whatever a client sends to the write paths, or however it spells a list query, the emulator answers with a
 * success or a client error in incident.io's error body (never a 5xx), and a refused write changes nothing.
 */

const RUNS = 300;

const snapshot: Snapshot = testSnapshot();
const seeded: IncidentRecord[] = [
  "Investigating",
  "Triage",
  "Fixing",
  "Post-incident",
  "Closed",
  "Paused",
].map((name, i) =>
  incidentRecord(snapshot, i + 1, { incident_status_id: named(snapshot.incident_statuses, name).id }),
);
snapshot.incidents = seeded;
const token = tokenFor(snapshot, "Bot");
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
});

afterAll(() => t.close());

const id = (records: readonly { id: string; name: string }[], name: string) => named(records, name).id;
const option = (value: string) => snapshot.custom_field_options.find((o) => o.value === value)?.id ?? "";

/** Every ID the fixture knows, so mutations can put a real ID of the wrong kind in a field. */
function knownIds(): string[] {
  const s = snapshot;
  return [
    ...s.severities,
    ...s.incident_statuses,
    ...s.incident_types,
    ...s.custom_fields,
    ...s.custom_field_options,
    ...s.incident_roles,
    ...s.incident_timestamps,
    ...s.users,
    ...s.catalog_entries,
    ...seeded,
  ].map((record) => record.id);
}

/** Stands for "a new idempotency key" in generated bodies, so accepted creates do not turn into replays. */
const FRESH_KEY = "\u0000fresh";

function validCreateBody() {
  const s = snapshot;
  const field = (name: string) => id(s.custom_fields, name);
  return {
    idempotency_key: FRESH_KEY,
    visibility: "public",
    name: "Checkout is down",
    summary: "Card payments fail",
    mode: "standard",
    severity_id: id(s.severities, "Major"),
    incident_status_id: id(s.incident_statuses, "Investigating"),
    incident_type_id: id(s.incident_types, "Default"),
    custom_field_entries: [
      { custom_field_id: field("Affected team"), values: [{ value_option_id: option("Payments") }] },
      { custom_field_id: field("Products"), values: [{ value_option_id: option("Web") }] },
      { custom_field_id: field("Service"), values: [{ value_catalog_entry_id: "checkout-alias" }] },
      { custom_field_id: field("Notes"), values: [{ value_text: "deploy 42" }] },
      { custom_field_id: field("Runbook"), values: [{ value_link: "https://runbooks.example.com/" }] },
      { custom_field_id: field("Cost"), values: [{ value_numeric: "12.5" }] },
    ],
    incident_role_assignments: [
      { incident_role_id: id(s.incident_roles, "Incident Lead"), assignee: { email: "ada@example.com" } },
      { incident_role_id: id(s.incident_roles, "Reporter"), assignee: { id: id(s.users, "Grace Hopper") } },
    ],
    incident_timestamp_values: [
      { incident_timestamp_id: s.incident_timestamps[0]?.id, value: "2024-05-01T10:00:00Z" },
    ],
    slack_channel_name_override: "inc-checkout",
    slack_team_id: s.organisation.slack_team_id,
    retrospective_incident_options: { postmortem_document_url: "https://docs.example.com/pm" },
  };
}

/** A valid edit, moving the incident to a random status half the time (which its status may refuse). */
function validEditBody(statusId: string | null) {
  const s = snapshot;
  return {
    notify_incident_channel: true,
    incident: {
      name: "Renamed",
      summary: "New summary",
      call_url: "https://meet.example.com/abc",
      severity_id: id(s.severities, "Critical"),
      custom_field_entries: [
        {
          custom_field_id: id(s.custom_fields, "Affected team"),
          values: [{ value_option_id: option("Mobile") }],
        },
        { custom_field_id: id(s.custom_fields, "Notes"), values: [] },
      ],
      incident_role_assignments: [
        {
          incident_role_id: id(s.incident_roles, "Comms"),
          assignee: { slack_user_id: s.users[0]?.slack_user_id },
        },
      ],
      incident_timestamp_values: [{ incident_timestamp_id: s.incident_timestamps[1]?.id }],
      slack_channel_name_override: "inc-renamed",
      ...(statusId ? { incident_status_id: statusId } : {}),
    },
  };
}

let keys = 0;
function withFreshKey(body: unknown): unknown {
  if (
    body &&
    typeof body === "object" &&
    (body as { idempotency_key?: unknown }).idempotency_key === FRESH_KEY
  ) {
    keys++;
    return { ...body, idempotency_key: `property-${keys}` };
  }
  return body;
}

const DROP = Symbol("drop");

/**
 * `value` with a few parts dropped or replaced by other JSON (often a real ID of the wrong kind), at any depth.
 * Each part changes with a small chance, so some bodies come through whole and most break in one or two places.
 */
function mutated(value: unknown): fc.Arbitrary<unknown> {
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(...knownIds()),
    fc.constant(""),
  );
  const keep = (arbitrary: fc.Arbitrary<unknown>) => ({ weight: 100, arbitrary });
  if (Array.isArray(value)) {
    const items = value.map((item) => fc.oneof(keep(mutated(item)), fc.constant(DROP)));
    const list = fc.tuple(...items).map((all) => all.filter((item) => item !== DROP));
    return fc.oneof(keep(list), replacement);
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, child]) =>
      fc.oneof(keep(mutated(child)), fc.constant(DROP), replacement).map((next) => [key, next] as const),
    );
    const object = fc
      .tuple(...entries)
      .map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== DROP)));
    return fc.oneof(keep(object), replacement);
  }
  return fc.oneof(keep(fc.constant(value)), replacement);
}

const anyBody = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Raw request text: mostly the body serialised, sometimes cut short or not JSON at all. */
function sent(body: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: body.map((b) => JSON.stringify(withFreshKey(b)) ?? "") },
    { weight: 1, arbitrary: body.chain((b) => truncated(JSON.stringify(b) ?? "")) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );
}

function truncated(text: string): fc.Arbitrary<string> {
  return fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => text.slice(0, n));
}

function expectApiAnswer(reply: Reply, request: string): void {
  const context = `${request} → ${reply.status} ${JSON.stringify(reply.body)}`;
  expect(reply.status, context).toBeGreaterThanOrEqual(200);
  expect(reply.status, context).toBeLessThan(500);
  if (reply.status >= 400) {
    expect(reply.body, context).toMatchObject({
      type: expect.any(String),
      status: reply.status,
      request_id: expect.stringMatching(/\S/),
    });
    expect(reply.body.errors.length, context).toBeGreaterThan(0);
    for (const error of reply.body.errors) {
      expect(error.code, context).toEqual(expect.stringMatching(/\S/));
      expect(error.message, context).toEqual(expect.stringMatching(/\S/));
    }
  }
  expect(t.violations, context).toEqual([]);
}

/** Records are replaced, never mutated, on change: identical records mean nothing was written. */
function storeState() {
  return { incidents: t.emulator.incidents(), updates: t.emulator.incidentUpdates() };
}

function expectUnchanged(before: ReturnType<typeof storeState>, context: string): void {
  const after = storeState();
  expect(after.incidents.length, context).toBe(before.incidents.length);
  expect(after.updates.length, context).toBe(before.updates.length);
  const same = <T>(now: readonly T[], then: readonly T[]) => now.every((record, i) => record === then[i]);
  expect(same(after.incidents, before.incidents), context).toBe(true);
  expect(same(after.updates, before.updates), context).toBe(true);
}

async function write(path: string, rawBody: string): Promise<void> {
  const before = storeState();
  const reply = await t.emulator.app.request(path, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: rawBody,
  });
  const text = await reply.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  const context = `POST ${path} ${rawBody}`;
  expectApiAnswer({ status: reply.status, headers: reply.headers, body }, context);
  if (reply.status >= 400) expectUnchanged(before, context);
}

const incidentTarget = () =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...seeded.map((incident) => incident.id)) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-Za-z_-]{1,30}$/) },
  );

describe("write paths under arbitrary input", () => {
  it("POST /v2/incidents answers 2xx or 4xx with an error body, and refusals change nothing", async () => {
    const body = fc.oneof(
      { weight: 3, arbitrary: mutated(validCreateBody()) },
      { weight: 1, arbitrary: anyBody },
    );
    await fc.assert(
      fc.asyncProperty(sent(body), (raw) => write("/v2/incidents", raw)),
      { numRuns: RUNS },
    );
  });

  it("POST /v2/incidents/{id}/actions/edit answers 2xx or 4xx, and refusals change nothing", async () => {
    const statusId = fc.option(fc.constantFrom(...snapshot.incident_statuses.map((s) => s.id)));
    const valid = statusId.chain((status) => mutated(validEditBody(status)));
    const body = fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyBody });
    await fc.assert(
      fc.asyncProperty(incidentTarget(), sent(body), (target, raw) =>
        write(`/v2/incidents/${target}/actions/edit`, raw),
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /v2/incident_updates answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = fc.record(
      {
        idempotency_key: fc.constant(FRESH_KEY),
        incident_id: incidentTarget(),
        message: fc.string({ maxLength: 20 }),
        to_incident_status_id: fc.constantFrom(...snapshot.incident_statuses.map((s) => s.id)),
        to_severity_id: fc.constantFrom(...snapshot.severities.map((s) => s.id)),
      },
      { requiredKeys: ["idempotency_key", "incident_id"] },
    );
    const body = fc.oneof({ weight: 3, arbitrary: valid.chain(mutated) }, { weight: 1, arbitrary: anyBody });
    await fc.assert(
      fc.asyncProperty(sent(body), (raw) => write("/v2/incident_updates", raw)),
      { numRuns: RUNS },
    );
  });
});

describe("list queries under arbitrary input", () => {
  const filterKey = fc.oneof(
    fc.constantFrom(
      "page_size",
      "after",
      "incident_id",
      "sort_by",
      "filter_mode",
      "status[one_of]",
      "status[not_in]",
      "status_category[one_of]",
      "severity[gte]",
      "severity[lte]",
      "severity[not_in]",
      "incident_type[one_of]",
      "mode[one_of]",
      "created_at[gte]",
      "updated_at[date_range]",
      "created_at[]",
      "status[one_of][x]",
      "custom_field",
    ),
    fc
      .tuple(
        fc.constantFrom("custom_field", "incident_role", "status", "nonsense"),
        fc.oneof(fc.constantFrom(...knownIds()), fc.string({ maxLength: 6 })),
        fc.constantFrom("one_of", "not_in", "is_set", "is_blank", "gte", ""),
      )
      .map(([name, inner, op]) => `${name}[${inner}][${op}]`),
    fc.string({ maxLength: 12 }),
  );
  const filterValue = fc.oneof(
    fc.constantFrom(...knownIds()),
    fc.constantFrom(
      "live",
      "test",
      "true",
      "false",
      "2024-01-01",
      "2024-01-01~2024-02-01",
      "2024-01-01T00:00:00Z",
      "created_at_oldest_first",
      "any",
      "0",
      "250",
      "500",
    ),
    fc.integer({ min: -5, max: 1000 }).map(String),
    fc.string({ maxLength: 20 }),
  );
  const pairs = fc.array(fc.tuple(filterKey, filterValue), { maxLength: 6 });
  const encoded = pairs.map((list) => new URLSearchParams(list).toString());
  const rawQuery = fc
    .array(
      fc.constantFrom("[", "]", "=", "&", "%", "%5B", "%5D", "%zz", "+", "a", "status", "one_of", "é", "%E9"),
      { maxLength: 20 },
    )
    .map((parts) => parts.join(""));
  const query = fc.oneof({ weight: 4, arbitrary: encoded }, { weight: 1, arbitrary: rawQuery });

  async function get(path: string): Promise<void> {
    const before = storeState();
    const reply = await call(t.emulator, "GET", path, { token });
    expectApiAnswer(reply, `GET ${path}`);
    expectUnchanged(before, `GET ${path}`);
  }

  it("GET /v2/incidents answers 2xx or 4xx with an error body for any query string", async () => {
    await fc.assert(
      fc.asyncProperty(query, (q) => get(`/v2/incidents?${q}`)),
      { numRuns: RUNS },
    );
  });

  it("GET /v2/incident_updates answers 2xx or 4xx with an error body for any query string", async () => {
    const updatesQuery = fc.oneof(
      pairs.map((list) =>
        new URLSearchParams(list.map(([k, v]): [string, string] => [k.replace(/\[.*$/, ""), v])).toString(),
      ),
      rawQuery,
    );
    await fc.assert(
      fc.asyncProperty(updatesQuery, (q) => get(`/v2/incident_updates?${q}`)),
      { numRuns: RUNS },
    );
  });
});
