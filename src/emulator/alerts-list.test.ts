import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { AlertSourceRecord } from "./model.js";
import { call, testSnapshot, tokenFor } from "./testing.js";

/** GET /v2/alerts (filters, cursor pages of at most 50) and GET /v2/alerts/{id}, over alerts sent as events. */

const snapshot = testSnapshot();
const clock = new ManualClock(Date.UTC(2024, 4, 1, 12));
const DAY = 86_400_000;
let t: TestEmulator;
let hub: AlertSourceRecord;
let uptime: AlertSourceRecord;
const viewer = tokenFor(snapshot, "Viewer");

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
  hub = t.emulator.createAlertSource("incidentkit hub");
  uptime = t.emulator.createAlertSource("Uptime checks");
  // 60 alerts over three days: every third from the uptime source, every fourth resolved afterwards.
  for (let i = 0; i < 60; i++) {
    const to = i % 3 === 0 ? uptime : hub;
    await sendEvent(to, { title: `Alert ${i}`, status: "firing", deduplication_key: `key-${i}` });
    if (i % 4 === 0)
      await sendEvent(to, { title: `Alert ${i}`, status: "resolved", deduplication_key: `key-${i}` });
    clock.advance(DAY / 20);
  }
});

afterAll(() => t.close());

async function sendEvent(to: AlertSourceRecord, body: unknown): Promise<void> {
  const response = await t.emulator.app.request(`/v2/alert_events/http/${to.id}?token=${to.secret_token}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
}

const list = (query: string, token = viewer) => call(t.emulator, "GET", `/v2/alerts?${query}`, { token });
/** The deduplication keys of every alert the query lists, over all pages. */
async function keysOf(query: string): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const reply = await list(`${query}${after ? `&after=${after}` : ""}`);
    expect(reply.status).toBe(200);
    keys.push(...reply.body.alerts.map((a: { deduplication_key: string }) => a.deduplication_key));
    after = reply.body.pagination_meta.after;
    if (!after) return keys;
  }
  throw new Error("pagination never ended");
}
const expected = (keep: (i: number) => boolean) =>
  Array.from({ length: 60 }, (_, i) => 59 - i)
    .filter(keep)
    .map((i) => `key-${i}`);

describe("GET /v2/alerts", () => {
  it("pages newest first with a cursor, page_size at most 50", async () => {
    const first = await list("page_size=50");
    expect(first.body.alerts).toHaveLength(50);
    expect(first.body.pagination_meta).toEqual({ page_size: 50, after: first.body.alerts[49].id });
    expect(first.body.alerts[0]).toMatchObject({
      deduplication_key: "key-59",
      title: "Alert 59",
      attributes: [],
    });
    const second = await list(`page_size=50&after=${first.body.pagination_meta.after}`);
    expect(second.body.alerts).toHaveLength(10);
    expect(second.body.pagination_meta).toEqual({ page_size: 50 });
    expect(await keysOf("page_size=7")).toEqual(expected(() => true));
  });

  it("requires page_size and refuses one over 50, naming the field", async () => {
    const missing = await list("");
    expect([missing.status, missing.body.errors[0]]).toEqual([
      422,
      expect.objectContaining({ code: "is_required", source: { field: "page_size" } }),
    ]);
    expect((await list("page_size=51")).body.errors[0].source.field).toBe("page_size");
    expect((await list("page_size=0")).status).toBe(422);
    expect((await list("page_size=5&after=nonsense")).body.errors[0].source.field).toBe("after");
  });

  it("filters by status, source and deduplication key", async () => {
    expect(await keysOf("page_size=50&status[one_of]=resolved")).toEqual(expected((i) => i % 4 === 0));
    expect(await keysOf("page_size=50&status[not_in]=resolved")).toEqual(expected((i) => i % 4 !== 0));
    expect(await keysOf(`page_size=50&alert_source[one_of]=${uptime.id}`)).toEqual(
      expected((i) => i % 3 === 0),
    );
    expect(await keysOf(`page_size=50&alert_source[not_in]=${uptime.id}&status[one_of]=firing`)).toEqual(
      expected((i) => i % 3 !== 0 && i % 4 !== 0),
    );
    expect(await keysOf("page_size=50&deduplication_key[is]=key-7&deduplication_key[is]=key-8")).toEqual([
      "key-8",
      "key-7",
    ]);
  });

  it("filters by created_at: gte, lte and a tilde-separated date range", async () => {
    // One alert every 72 minutes from noon on 1 May: 0–9 fall on 1 May, 10–29 on 2 May, 30–49 on 3 May.
    const day = (i: number) => Math.floor((12 + (i * 24) / 20) / 24);
    expect(await keysOf("page_size=50&created_at[gte]=2024-05-03")).toEqual(expected((i) => day(i) >= 2));
    expect(await keysOf("page_size=50&created_at[lte]=2024-05-01T23:59:59Z")).toEqual(
      expected((i) => day(i) === 0),
    );
    expect(await keysOf("page_size=50&created_at[date_range]=2024-05-02~2024-05-02")).toEqual(
      expected((i) => day(i) === 1),
    );
    const backwards = await list("page_size=5&created_at[date_range]=2024-05-03~2024-05-01");
    expect([backwards.status, backwards.body.errors[0].source.field]).toEqual([422, "created_at"]);
  });

  it("answers for what the emulator does not keep: no groups, no notes, no maintenance windows", async () => {
    expect(await keysOf("page_size=50&alert_group_id[one_of]=01GBSQF3FHF7FWZQNWGHAVQ804")).toEqual([]);
    expect(await keysOf("page_size=50&has_notes[is]=true")).toEqual([]);
    expect(await keysOf("page_size=50&has_notes[is]=false")).toHaveLength(60);
    expect(await keysOf("page_size=50&include_maintenance_window[is]=false")).toHaveLength(60);
    const attribute = await list("page_size=5&attributes[01GBSQF3FHF7FWZQNWGHAVQ804][one_of]=x");
    expect([attribute.status, attribute.body.errors[0].message]).toEqual([
      422,
      expect.stringContaining("no alert attribute"),
    ]);
  });

  it("refuses unknown operators and values, and ignores unbracketed keys as the live API does", async () => {
    expect((await list("page_size=5&status[is]=firing")).body.errors[0].message).toMatch(/one_of, not_in/);
    expect((await list("page_size=5&status[one_of]=acked")).body.errors[0].message).toMatch(
      /firing, resolved/,
    );
    expect((await list("page_size=5&has_notes[is]=maybe")).status).toBe(422);
    expect((await list("page_size=5&status[one_of][x]=firing")).status).toBe(422);
    expect((await list("page_size=50&one_of=resolved")).body.alerts).toHaveLength(50);
  });

  it("needs the alerts.view scope", async () => {
    const creator = await list("page_size=5", tokenFor(snapshot, "Creator"));
    expect([creator.status, creator.body.errors[0].metadata]).toEqual([
      403,
      { required_scope: "alerts.view" },
    ]);
  });
});

describe("GET /v2/alerts/{id}", () => {
  it("shows one alert with its resolution, and 404 for an unknown ID", async () => {
    const [stored] = t.emulator.alerts().filter((a) => a.deduplication_key === "key-4");
    const reply = await call(t.emulator, "GET", `/v2/alerts/${stored?.id}`, { token: viewer });
    expect(reply.body.alert).toEqual({
      id: stored?.id,
      alert_source_id: hub.id,
      deduplication_key: "key-4",
      status: "resolved",
      title: "Alert 4",
      attributes: [],
      alert_group_ids: [],
      created_at: stored?.created_at,
      updated_at: stored?.updated_at,
      resolved_at: stored?.resolved_at,
    });
    const missing = await call(t.emulator, "GET", "/v2/alerts/01HZZZZZZZZZZZZZZZZZZZZZZZ", { token: viewer });
    expect([missing.status, missing.body.type]).toEqual([404, "not_found"]);
  });
});
