import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { type WorkFixture, workSnapshot } from "./testing/work-snapshot.js";
import { call, named } from "./testing.js";

/**
 * Whatever a client sends to the follow-up, action, custom field option and membership writes, the emulator
 * answers with a success or a client error in incident.io's error body (never a 5xx; every answer checked against
 * the description), and a refused write changes nothing.
 */

const RUNS = 150;
const f: WorkFixture = workSnapshot();
let t: TestEmulator;
const followUpIds: string[] = [];
const actionIds: string[] = [];

const user = (name: string) => named(f.snapshot.users, name).id;
const field = (name: string) => named(f.snapshot.custom_fields, name).id;

beforeAll(async () => {
  t = await startTestEmulator({
    ephemeral: true,
    snapshot: f.snapshot,
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
  for (let i = 0; i < 40; i++) {
    const reply = await call(t.emulator, "POST", "/v2/follow_ups", {
      token: t.adminKey,
      body: { incident_id: f.incidents.first.id, title: `Follow-up ${i}` },
    });
    followUpIds.push(reply.body.follow_up.id);
  }
  for (let i = 0; i < 3; i++) {
    const reply = await call(t.emulator, "POST", "/v2/actions", {
      token: t.adminKey,
      body: { incident_id: f.incidents.first.id, description: `Action ${i}` },
    });
    actionIds.push(reply.body.action.id);
  }
  for (const name of ["Ada Lovelace", "Grace Hopper"]) {
    await call(t.emulator, "POST", "/v1/incident_memberships", {
      token: t.adminKey,
      body: { incident_id: f.incidents.secret.id, user_id: user(name) },
    });
  }
});

afterAll(() => t.close());

/** Stands for "a value nobody has used yet", so accepted option creates are not all refusals. */
const FRESH = "\u0000fresh";
let fresh = 0;

function resolved(value: unknown): unknown {
  if (value === FRESH) return `Fresh ${++fresh}`;
  if (Array.isArray(value)) return value.map(resolved);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolved(v)]));
  }
  return value;
}

function knownIds(): string[] {
  return [
    ...Object.values(f.incidents).map((i) => i.id),
    ...Object.values(f.teams),
    ...Object.values(f.priorities),
    ...f.snapshot.users.map((u) => u.id),
    ...f.snapshot.custom_fields.map((x) => x.id),
    ...f.snapshot.custom_field_options.map((o) => o.id),
    ...followUpIds.slice(0, 3),
    ...actionIds,
  ];
}

const DROP = Symbol("drop");

/** `value` with a few parts dropped or replaced by other JSON (often a real ID of the wrong kind), at any depth. */
function mutated(value: unknown): fc.Arbitrary<unknown> {
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(...knownIds()),
    fc.constant(""),
    fc.constant(null),
  );
  const keep = (arbitrary: fc.Arbitrary<unknown>) => ({ weight: 60, arbitrary });
  if (Array.isArray(value)) {
    const items = value.map((item) => fc.oneof(keep(mutated(item)), fc.constant(DROP)));
    return fc.oneof(keep(fc.tuple(...items).map((all) => all.filter((item) => item !== DROP))), replacement);
  }
  if (value !== null && typeof value === "object") {
    const pairs = Object.entries(value).map(([key, child]) =>
      fc.oneof(keep(mutated(child)), fc.constant(DROP), replacement).map((next) => [key, next] as const),
    );
    return fc.oneof(
      keep(fc.tuple(...pairs).map((all) => Object.fromEntries(all.filter(([, v]) => v !== DROP)))),
      replacement,
    );
  }
  return fc.oneof(keep(fc.constant(value)), replacement);
}

const anyBody = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Raw request text: mostly a mutated valid body, sometimes anything, cut short or not JSON at all. */
function requestText(valid: unknown): fc.Arbitrary<string> {
  const body = fc.oneof({ weight: 4, arbitrary: mutated(valid) }, { weight: 1, arbitrary: anyBody });
  return fc.oneof(
    { weight: 8, arbitrary: body.map((b) => JSON.stringify(resolved(b)) ?? "") },
    {
      weight: 1,
      arbitrary: body.chain((b) => fc.nat().map((n) => (JSON.stringify(b) ?? "").slice(0, n % 40))),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );
}

/** Everything these writes touch. Records are replaced, never changed in place: same records, nothing written. */
function stored(): object[] {
  const e = t.emulator;
  return [
    ...e.followUps(),
    ...e.actions(),
    ...e.incidentMemberships(),
    ...e.customFieldOptions(),
    ...e.incidents(),
  ];
}

let accepted = 0;
beforeEach(() => {
  accepted = 0;
});
afterEach((context) => {
  if (/^(POST|PUT|DELETE) /.test(context.task.name)) {
    expect(accepted, "writes accepted during the run").toBeGreaterThan(0);
  }
});

async function expectClientAnswer(method: string, path: string, raw: string | undefined): Promise<void> {
  const before = stored();
  const reply = await t.emulator.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${t.adminKey}`, "Content-Type": "application/json" },
    ...(raw === undefined ? {} : { body: raw }),
  });
  const text = await reply.text();
  const context = `${method} ${path} ${raw ?? ""} → ${reply.status} ${text}`;
  expect(reply.status, context).toBeGreaterThanOrEqual(200);
  expect(reply.status, context).toBeLessThan(500);
  if (reply.status >= 400) {
    const body = JSON.parse(text);
    expect(body, context).toMatchObject({ status: reply.status, type: expect.any(String) });
    expect(body.errors.length, context).toBeGreaterThan(0);
    const after = stored();
    expect(after.length === before.length && after.every((r, i) => r === before[i]), context).toBe(true);
  } else {
    accepted++;
  }
  expect(t.violations, context).toEqual([]);
}

const target = (ids: () => string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...ids()) },
    { weight: 1, arbitrary: fc.constantFrom(...knownIds()) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-Za-z_-]{1,30}$/) },
  );

describe("follow-up, action, option and membership writes under arbitrary input", () => {
  it("POST /v2/follow_ups", async () => {
    const valid = {
      incident_id: f.incidents.first.id,
      title: "Add an alert",
      description: "On pool usage",
      assignee_id: user("Ada Lovelace"),
      assignee_team_id: f.teams.payments,
      follow_up_priority_option_id: f.priorities.urgent,
      follow_up_category_id: "01CATEGORY",
      labels: ["monitoring"],
    };
    await fc.assert(
      fc.asyncProperty(requestText(valid), (raw) => expectClientAnswer("POST", "/v2/follow_ups", raw)),
      { numRuns: RUNS },
    );
  });

  it("PUT /v2/follow_ups/{id}", async () => {
    const valid = {
      title: "Add an alert",
      status: "completed",
      description: "Done",
      assignee_id: user("Grace Hopper"),
      assignee_team_id: f.teams.platform,
      follow_up_priority_option_id: f.priorities.low,
      labels: ["alerts"],
    };
    await fc.assert(
      fc.asyncProperty(
        target(() => followUpIds),
        requestText(valid),
        (id, raw) => expectClientAnswer("PUT", `/v2/follow_ups/${encodeURIComponent(id)}`, raw),
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /v2/follow_ups/{id}/actions/connect_external_issue", async () => {
    const valid = { provider: "jira", url: "https://acme.atlassian.net/browse/PAY-7" };
    await fc.assert(
      fc.asyncProperty(
        target(() => followUpIds),
        requestText(valid),
        (id, raw) =>
          expectClientAnswer(
            "POST",
            `/v2/follow_ups/${encodeURIComponent(id)}/actions/connect_external_issue`,
            raw,
          ),
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /v2/actions", async () => {
    const valid = {
      incident_id: f.incidents.second.id,
      description: "Restart",
      assignee_id: user("Ada Lovelace"),
    };
    await fc.assert(
      fc.asyncProperty(requestText(valid), (raw) => expectClientAnswer("POST", "/v2/actions", raw)),
      { numRuns: RUNS },
    );
  });

  it("PUT /v2/actions/{id}", async () => {
    const valid = { description: "Restart", status: "not_doing", assignee_id: user("Grace Hopper") };
    await fc.assert(
      fc.asyncProperty(
        target(() => actionIds),
        requestText(valid),
        (id, raw) => expectClientAnswer("PUT", `/v2/actions/${encodeURIComponent(id)}`, raw),
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /v1/custom_field_options", async () => {
    const valid = { custom_field_id: field("Affected team"), value: FRESH, sort_key: 40 };
    await fc.assert(
      fc.asyncProperty(requestText(valid), (raw) =>
        expectClientAnswer("POST", "/v1/custom_field_options", raw),
      ),
      { numRuns: RUNS },
    );
  });

  it("PUT /v1/custom_field_options/{id}", async () => {
    const valid = { value: FRESH, sort_key: 5 };
    const options = () => f.snapshot.custom_field_options.map((o) => o.id);
    await fc.assert(
      fc.asyncProperty(target(options), requestText(valid), (id, raw) =>
        expectClientAnswer("PUT", `/v1/custom_field_options/${encodeURIComponent(id)}`, raw),
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /v1/incident_memberships", async () => {
    const valid = { incident_id: f.incidents.secret.id, user_id: user("Grace Hopper") };
    await fc.assert(
      fc.asyncProperty(requestText(valid), (raw) =>
        expectClientAnswer("POST", "/v1/incident_memberships", raw),
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /v1/incident_memberships/actions/revoke", async () => {
    const valid = { incident_id: f.incidents.secret.id, user_id: user("Ada Lovelace") };
    await fc.assert(
      fc.asyncProperty(requestText(valid), (raw) =>
        expectClientAnswer("POST", "/v1/incident_memberships/actions/revoke", raw),
      ),
      { numRuns: RUNS },
    );
  });

  it("DELETE /v2/follow_ups/{id}, /v2/actions/{id} and /v1/custom_field_options/{id} for any ID", async () => {
    const kinds = fc.constantFrom("/v2/follow_ups/", "/v2/actions/", "/v1/custom_field_options/");
    await fc.assert(
      fc.asyncProperty(
        kinds,
        target(() => [...followUpIds.slice(20), ...actionIds]),
        (prefix, id) => expectClientAnswer("DELETE", `${prefix}${encodeURIComponent(id)}`, undefined),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("follow-up and action lists under arbitrary queries", () => {
  const key = fc.oneof(
    fc.constantFrom("incident_id", "incident_mode", "assignee_team_id", "page_size", "after"),
    fc.string({ maxLength: 8 }),
  );
  const value = fc.oneof(
    fc.constantFrom(...knownIds(), "standard", "retrospective", "test", "tutorial", "stream", ""),
    fc.string({ maxLength: 12 }),
  );

  it("GET /v2/follow_ups and /v2/actions answer 200 or a 4xx error body", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/v2/follow_ups", "/v2/actions"),
        fc.array(fc.tuple(key, value), { maxLength: 4 }),
        async (path, pairs) => {
          const query = new URLSearchParams(pairs).toString();
          const reply = await call(t.emulator, "GET", `${path}?${query}`, { token: t.adminKey });
          const context = `GET ${path}?${query} → ${reply.status} ${JSON.stringify(reply.body)}`;
          expect([200, 422], context).toContain(reply.status);
          if (reply.status === 422) expect(reply.body.errors[0].source.field, context).toBe("incident_mode");
          expect(t.violations, context).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
