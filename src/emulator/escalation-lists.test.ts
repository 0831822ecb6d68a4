import { afterEach, beforeEach, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { Snapshot } from "./model.js";
import { call, incidentRecord, testSnapshot } from "./testing.js";

/**
 * GET /v2/escalations filtered by incident reads only that incident's escalations, and their status filter still
 * follows the clock: a direct page is triggered until its acknowledgement window passes, then expired.
 */

const NOW = Date.UTC(2024, 4, 2, 9, 0);
let snapshot: Snapshot;
let clock: ManualClock;
let t: TestEmulator;

beforeEach(async () => {
  snapshot = testSnapshot();
  snapshot.incidents = [incidentRecord(snapshot, 1), incidentRecord(snapshot, 2)];
  clock = new ManualClock(NOW);
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
});
afterEach(() => t.close());

const send = (method: string, path: string, body?: unknown) =>
  call(t.emulator, method, path, { token: t.adminKey, body });

async function page(title: string, incidentId: string): Promise<string> {
  const reply = await send("POST", "/v2/escalations", {
    idempotency_key: title,
    title,
    user_ids: [snapshot.users[0]?.id],
    incident_id: incidentId,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  clock.advance(1_000);
  return reply.body.escalation.id;
}

const titles = async (query: string) => {
  const reply = await send("GET", `/v2/escalations?${query}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return {
    titles: reply.body.escalations.map((e: { title: string }) => e.title),
    after: reply.body.pagination_meta.after,
  };
};

it("lists one incident's escalations newest first, with the status the clock gives them", async () => {
  const [a, b] = snapshot.incidents.map((incident) => incident.id);
  await page("first on A", a ?? "");
  await page("on B", b ?? "");
  const newest = await page("second on A", a ?? "");

  expect((await titles(`incident[one_of]=${a}&status[one_of]=triggered`)).titles).toEqual([
    "second on A",
    "first on A",
  ]);
  const first = await titles(`incident[one_of]=${a}&page_size=1`);
  expect(first).toEqual({ titles: ["second on A"], after: newest });
  expect(await titles(`incident[one_of]=${a}&page_size=1&after=${newest}`)).toEqual({
    titles: ["first on A"],
    after: undefined,
  });
  expect((await titles(`incident[one_of]=${a},${b}`)).titles).toEqual([]);
  expect((await titles(`incident[one_of]=${b}&incident[one_of]=${a}`)).titles).toEqual([
    "second on A",
    "on B",
    "first on A",
  ]);
  // A cursor the filtered list does not hold is refused, as an unfiltered scan would refuse it.
  const other = await send("GET", `/v2/escalations?incident[one_of]=${b}&after=${newest}`);
  expect(other.status).toBe(422);

  clock.advance(31 * 60_000);
  expect((await titles(`incident[one_of]=${a}&status[one_of]=triggered`)).titles).toEqual([]);
  expect((await titles(`incident[one_of]=${a}&status[one_of]=expired`)).titles).toEqual([
    "second on A",
    "first on A",
  ]);
});
