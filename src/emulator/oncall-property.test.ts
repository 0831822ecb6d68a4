import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import { call, named, testSnapshot } from "./testing.js";

/**
 * Whatever a client sends to the on-call write paths (schedules, overrides, escalation paths, escalations), the
 * emulator answers with a success or a client error in incident.io's error body (never a 5xx; every answer checked
 * against the description), and a refused write changes nothing.
 */

const RUNS = 150;
const NOW = Date.UTC(2024, 4, 6, 12);
const snapshot = testSnapshot(NOW);
const ada = named(snapshot.users, "Ada Lovelace");
const grace = named(snapshot.users, "Grace Hopper");
const old = named(snapshot.users, "Old Timer");
const clock = new ManualClock(NOW);
let t: TestEmulator;
let schedule: { id: string; rotation: string; layers: string[] };
let pathId: string;
let overrideId: string;
let escalationId: string;

const scheduleBody = {
  schedule: {
    name: "Primary on-call",
    timezone: "Europe/London",
    team_ids: [],
    annotations: { "incident.io/terraform/version": "5.0.0" },
    config: {
      rotations: [
        {
          name: "Weekly",
          handover_start_at: "2024-04-29T09:00:00+01:00",
          handovers: [
            { interval_type: "daily", interval: 2 },
            { interval_type: "hourly", interval: 12 },
          ],
          layers: [{ name: "Primary" }, { name: "Secondary" }],
          users: [{ id: ada.id }, { email: grace.email }],
          working_intervals: [{ weekday: "monday", start_time: "09:00", end_time: "17:00" }],
        },
      ],
    },
  },
};

async function post(path: string, body: unknown) {
  const reply = await call(t.emulator, "POST", path, { token: t.adminKey, body });
  if (reply.status >= 300) throw new Error(`${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

beforeAll(async () => {
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    clock,
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
  const created = (await post("/v2/schedules", scheduleBody)).schedule;
  const rotation = created.config.rotations[0];
  schedule = {
    id: created.id,
    rotation: rotation.id,
    layers: rotation.layers.map((l: { id: string }) => l.id),
  };
  overrideId = (
    await post("/v2/schedule_overrides", {
      schedule_id: schedule.id,
      rotation_id: schedule.rotation,
      layer_id: schedule.layers[0],
      user: { id: grace.id },
      start_at: "2024-05-07T09:00:00Z",
      end_at: "2024-05-07T18:00:00Z",
    })
  ).override.id;
  pathId = (await post("/v2/escalation_paths", pathBody())).escalation_path.id;
  escalationId = (
    await post("/v2/escalations", { idempotency_key: "seed", title: "Seed", escalation_path_id: pathId })
  ).escalation.id;
});

afterAll(() => t.close());

function pathBody() {
  return {
    name: "Urgent",
    team_ids: [],
    repeat_config: { repeat_after_seconds: 600, delay_repeat_on_activity: false },
    working_hours: [
      {
        id: "uk",
        name: "UK hours",
        timezone: "Europe/London",
        weekday_intervals: [{ weekday: "tuesday", start_time: "09:00", end_time: "17:30" }],
      },
    ],
    path: [
      {
        id: "first",
        type: "level",
        level: {
          targets: [
            { type: "schedule", id: schedule?.id ?? "", urgency: "high", schedule_mode: "currently_on_call" },
          ],
          ack_mode: "first",
          time_to_ack_seconds: 300,
          retry_config: { attempts: 2, interval_seconds: 120 },
        },
      },
      { id: "wait", type: "delay", delay: { delay_seconds: 60 } },
      {
        id: "branch",
        type: "if_else",
        if_else: {
          conditions: [
            {
              subject: "alert.priority",
              operation: "one_of",
              param_bindings: [{ array_value: [{ literal: "P1" }, { reference: "alert.priority" }] }],
            },
          ],
          then_path: [
            {
              id: "lead",
              type: "level",
              level: { targets: [{ type: "user", id: ada.id, urgency: "low" }], time_to_ack_seconds: 600 },
            },
          ],
          else_path: [{ id: "again", type: "repeat", repeat: { to_node: "first", repeat_times: 2 } }],
        },
      },
    ],
  };
}

/** Stands for "a value nobody has used yet" in generated bodies, so accepted creates are not all replays. */
const FRESH = "\u0000fresh";
let fresh = 0;

function resolved(value: unknown): unknown {
  if (value === FRESH) return `fresh-${++fresh}`;
  if (Array.isArray(value)) return value.map(resolved);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolved(v)]));
  }
  return value;
}

function knownIds(): string[] {
  return [
    schedule.id,
    schedule.rotation,
    ...schedule.layers,
    pathId,
    overrideId,
    escalationId,
    ada.id,
    old.id,
  ];
}

const DROP = Symbol("drop");

/** `value` with a few parts dropped or replaced by other JSON (often a real ID of the wrong kind), at any depth. */
function mutated(value: unknown): fc.Arbitrary<unknown> {
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(...knownIds()),
    fc.constantFrom("", "2024-05-07T10:00:00Z", "25:00", "Mars/Olympus", -1, 0, 1e9),
  );
  const keep = (arbitrary: fc.Arbitrary<unknown>) => ({ weight: 40, arbitrary });
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
function requestText(valid: fc.Arbitrary<unknown>): fc.Arbitrary<() => string> {
  // Some valid bodies as they are, so every write path is seen succeeding as well as refusing.
  const body = fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 6, arbitrary: valid.chain(mutated) },
    { weight: 1, arbitrary: anyBody },
  );
  return fc.oneof(
    { weight: 8, arbitrary: body.map((b) => () => JSON.stringify(resolved(b)) ?? "") },
    {
      weight: 1,
      arbitrary: body.chain((b) => fc.nat().map((n) => () => (JSON.stringify(b) ?? "").slice(0, n % 40))),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => () => s) },
  );
}

/** The stored on-call records. Records are replaced, never changed in place: the same records mean no write. */
function stored(): object[] {
  const records = t.emulator.onCall();
  return [
    ...records.schedules,
    ...records.schedule_overrides,
    ...records.escalation_paths,
    ...records.escalations,
  ];
}

let accepted = 0;
beforeEach(() => {
  accepted = 0;
});
afterEach((context) => {
  if (!context.task.name.startsWith("DELETE")) {
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
  const context = `${method} ${path} ${raw} → ${reply.status} ${text}`;
  expect(reply.status, context).toBeGreaterThanOrEqual(200);
  expect(reply.status, context).toBeLessThan(500);
  if (reply.status >= 400) {
    const body = JSON.parse(text);
    expect(body, context).toMatchObject({ status: reply.status, type: expect.any(String) });
    expect(body.errors.length, context).toBeGreaterThan(0);
    const after = stored();
    expect(after.length === before.length && after.every((record, i) => record === before[i]), context).toBe(
      true,
    );
  } else {
    accepted++;
  }
  expect(t.violations, context).toEqual([]);
}

const target = (...ids: (() => string)[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...ids).map((id) => id()) },
    { weight: 1, arbitrary: fc.constantFrom(...knownIds()) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-Za-z_-]{1,30}$/) },
  );

describe("on-call write paths under arbitrary input", () => {
  it("POST /v2/schedules answers 2xx or 4xx, and refusals change nothing", async () => {
    await fc.assert(
      fc.asyncProperty(requestText(fc.constant(scheduleBody)), async (text) => {
        await expectClientAnswer("POST", "/v2/schedules", text());
      }),
      { numRuns: RUNS },
    );
  });

  it("PUT /v2/schedules/{id} answers 2xx or 4xx, and refusals change nothing", async () => {
    const scratch = (await post("/v2/schedules", scheduleBody)).schedule.id as string;
    // Not the shared schedule's ID: updates replace rotations, which the override tests rely on.
    const id = fc.oneof(
      { weight: 5, arbitrary: fc.constant(scratch) },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-Za-z_-]{1,30}$/) },
    );
    await fc.assert(
      fc.asyncProperty(id, requestText(fc.constant(scheduleBody)), async (id, text) => {
        await expectClientAnswer("PUT", `/v2/schedules/${id}`, text());
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /v2/schedule_overrides answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = fc.constant({
      schedule_id: schedule.id,
      rotation_id: schedule.rotation,
      layer_id: schedule.layers[1],
      user: { slack_user_id: ada.slack_user_id },
      start_at: "2024-05-08T09:00:00Z",
      end_at: "2024-05-09T09:00:00+01:00",
    });
    await fc.assert(
      fc.asyncProperty(requestText(valid), async (text) => {
        await expectClientAnswer("POST", "/v2/schedule_overrides", text());
      }),
      { numRuns: RUNS },
    );
  });

  it("PUT /v2/schedule_overrides/{id} answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = fc.constant({
      rotation_id: schedule.rotation,
      layer_id: schedule.layers[0],
      user: {},
      start_at: "2024-05-07T09:00:00Z",
      end_at: "2024-05-07T12:00:00Z",
    });
    await fc.assert(
      fc.asyncProperty(
        target(() => overrideId),
        requestText(valid),
        async (id, text) => {
          await expectClientAnswer("PUT", `/v2/schedule_overrides/${id}`, text());
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /v2/escalation_paths answers 2xx or 4xx, and refusals change nothing", async () => {
    await fc.assert(
      fc.asyncProperty(requestText(fc.constant(pathBody())), async (text) => {
        await expectClientAnswer("POST", "/v2/escalation_paths", text());
      }),
      { numRuns: RUNS },
    );
  });

  it("PUT /v2/escalation_paths/{id} answers 2xx or 4xx, and refusals change nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        target(() => pathId),
        requestText(fc.constant(pathBody())),
        async (id, text) => {
          await expectClientAnswer("PUT", `/v2/escalation_paths/${id}`, text());
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /v2/escalations answers 2xx or 4xx, and refusals change nothing", async () => {
    const valid = fc.constantFrom(
      { idempotency_key: FRESH, title: "Checkout is down", escalation_path_id: pathId },
      { idempotency_key: FRESH, title: "Look at this", description: "Now", user_ids: [ada.id, grace.id] },
    );
    await fc.assert(
      fc.asyncProperty(requestText(valid), async (text) => {
        await expectClientAnswer("POST", "/v2/escalations", text());
        clock.advance(97_000);
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /v2/escalations/{id}/actions/cancel answers 2xx or 4xx, and refusals change nothing", async () => {
    const ids = (
      await call(t.emulator, "GET", "/v2/escalations?page_size=50", { token: t.adminKey })
    ).body.escalations.map((e: { id: string }) => e.id) as string[];
    await fc.assert(
      fc.asyncProperty(
        target(...ids.map((id) => () => id)),
        fc.option(fc.jsonValue({ maxDepth: 1 })),
        async (id, body) => {
          await expectClientAnswer(
            "POST",
            `/v2/escalations/${id}/actions/cancel`,
            body === null ? undefined : JSON.stringify(body),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("DELETE answers 2xx or 404, and refusals change nothing", async () => {
    const paths = ["/v2/schedule_overrides/", "/v2/escalation_paths/", "/v2/schedules/"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        target(() => "01UNKNOWN"),
        async (path, id) => {
          await expectClientAnswer("DELETE", `${path}${id}`, undefined);
        },
      ),
      { numRuns: 60 },
    );
  });
});
