import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import type { AlertRecord, AlertSourceRecord } from "./model.js";
import { call, testSnapshot, tokenFor } from "./testing.js";

/**
 * Whatever a sender posts as an alert event, or however a client spells an alerts query, the emulator answers
 * with a success or a client error in incident.io's error body (the test emulator checks each against the
 * description), and a refused event changes no alert.
 */

const RUNS = 200;
const snapshot = testSnapshot();
let t: TestEmulator;
let source: AlertSourceRecord;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot });
  source = t.emulator.createAlertSource("incidentkit hub");
});

afterAll(() => t.close());

function expectClientAnswer(status: number, body: unknown, context: string): void {
  expect(status, context).toBeGreaterThanOrEqual(200);
  expect(status, context).toBeLessThan(500);
  if (status >= 400) {
    expect(body, context).toMatchObject({ status, type: expect.any(String), errors: expect.any(Array) });
    expect((body as { errors: unknown[] }).errors.length, context).toBeGreaterThan(0);
  }
}

const anyJson = fc.jsonValue({ maxDepth: 2 });
/** Each field right, wrong or missing: a valid event now and then, and every way of being invalid. */
const eventBody = fc.record(
  {
    title: fc.oneof(fc.string({ maxLength: 20 }), anyJson),
    status: fc.oneof(fc.constantFrom("firing", "resolved"), anyJson),
    deduplication_key: fc.oneof(fc.constantFrom("a", "b", "c", "", " "), anyJson),
    description: fc.oneof(fc.string({ maxLength: 20 }), anyJson),
    source_url: fc.oneof(fc.webUrl(), anyJson),
    metadata: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), anyJson, { maxKeys: 3 }), anyJson),
  },
  { requiredKeys: [] },
);
/** A valid event: the accepting path must be exercised as often as the refusing ones. */
const validEvent = fc.record(
  {
    title: fc.string({ maxLength: 20 }),
    status: fc.constantFrom("firing", "resolved"),
    deduplication_key: fc.constantFrom("a", "b", "c", "d"),
    description: fc.string({ maxLength: 20 }),
    source_url: fc.webUrl(),
    metadata: fc.dictionary(fc.string({ maxLength: 6 }), anyJson, { maxKeys: 3 }),
  },
  { requiredKeys: ["title", "status", "deduplication_key"] },
);
const rawBody = fc.oneof(
  { weight: 3, arbitrary: validEvent.map((b) => JSON.stringify(b)) },
  { weight: 6, arbitrary: eventBody.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: anyJson.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

describe("POST /v2/alert_events/http/{id} under arbitrary input", () => {
  it("answers 202 or a 4xx error body, and a refusal changes no alert", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(rawBody, async (raw) => {
        const before: AlertRecord[] = t.emulator.alerts();
        const response = await t.emulator.app.request(`/v2/alert_events/http/${source.id}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${source.secret_token}`, "Content-Type": "application/json" },
          body: raw,
        });
        const body = JSON.parse(await response.text());
        expectClientAnswer(response.status, body, `POST ${raw} → ${response.status} ${JSON.stringify(body)}`);
        if (response.status !== 202) expect(t.emulator.alerts(), raw).toEqual(before);
        else accepted++;
      }),
      { numRuns: RUNS },
    );
    // Keys stay unique per source however many events were accepted.
    expect(accepted).toBeGreaterThan(0);
    const keys = t.emulator.alerts().map((a) => a.deduplication_key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("GET /v2/alerts under arbitrary input", () => {
  const key = fc.oneof(
    fc.constantFrom(
      "page_size",
      "after",
      "status[one_of]",
      "status[not_in]",
      "status[is]",
      "alert_source[one_of]",
      "deduplication_key[is]",
      "alert_group_id[one_of]",
      "created_at[gte]",
      "created_at[date_range]",
      "has_notes[is]",
      "include_maintenance_window[is]",
      "attributes[x][one_of]",
      "attributes[x]",
      "status[one_of][x]",
    ),
    fc.string({ maxLength: 10 }),
  );
  const value = fc.oneof(
    fc.constantFrom(
      "firing",
      "resolved",
      "true",
      "false",
      "2024-01-01",
      "2024-01-01~2024-02-01",
      "5",
      "50",
      "51",
    ),
    fc.integer({ min: -3, max: 100 }).map(String),
    fc.string({ maxLength: 12 }),
  );
  const query = fc
    .array(fc.tuple(key, value), { maxLength: 5 })
    .map((pairs) => new URLSearchParams(pairs).toString());

  it("answers 200 or a 4xx error body for any query string", async () => {
    const token = tokenFor(snapshot, "Viewer");
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const reply = await call(t.emulator, "GET", `/v2/alerts?${q}`, { token });
        expectClientAnswer(reply.status, reply.body, `GET /v2/alerts?${q} → ${reply.status}`);
      }),
      { numRuns: RUNS },
    );
  });
});
