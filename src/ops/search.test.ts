import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../emulator/model.js";
import { incidentRecord, named, testSnapshot } from "../emulator/testing.js";
import { searchIncidents } from "./search.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";

const COUNT = 620;

/** Incident n: every 7th is about a checkout timeout in its name, every 11th in its summary; every 5th is closed. */
function seeded(): Snapshot {
  const snapshot = testSnapshot();
  const closed = named(snapshot.incident_statuses, "Closed").id;
  snapshot.incidents = Array.from({ length: COUNT }, (_, i) => {
    const n = i + 1;
    return incidentRecord(snapshot, n, {
      name: n % 7 === 0 ? `Checkout TIMEOUT in region ${n}` : `Incident ${n}`,
      ...(n % 11 === 0 ? { summary: `Customers saw a checkout page timeout (${n}).` } : {}),
      ...(n % 5 === 0 ? { incident_status_id: closed } : {}),
    });
  });
  return snapshot;
}

/** The numbers of the incidents that match, newest (highest) first, worked out from the seed alone. */
const expected = (keep: (n: number) => boolean = () => true) =>
  Array.from({ length: COUNT }, (_, i) => COUNT - i).filter((n) => (n % 7 === 0 || n % 11 === 0) && keep(n));

const numbers = (incidents: { reference: string }[]) => incidents.map((i) => Number(i.reference.slice(4)));

let ops: OpsTest;
beforeAll(async () => {
  ops = await startOpsTest({ snapshot: seeded() });
});
afterAll(async () => {
  await ops.close();
});

describe("searchIncidents", () => {
  it("finds incidents whose name or summary holds every word, in any case, newest first, reading to the end", async () => {
    const result = await searchIncidents(ops.s, "timeout CHECKOUT", { limit: 250 });
    expect(expected()).toHaveLength(136);
    expect(numbers(result.incidents)).toEqual(expected());
    expect(result).toMatchObject({ stoppedAt: "end", scanned: COUNT, pages: 3, total: COUNT });
    expect(result.nextCursor).toBeUndefined();
  });

  it("stops at the limit mid-page, and the cursor carries on with no match lost or repeated", async () => {
    const seen: number[] = [];
    let after: string | undefined;
    for (let call = 0; call < 20; call++) {
      const result = await searchIncidents(ops.s, "checkout timeout", {
        limit: 17,
        ...(after ? { after } : {}),
      });
      seen.push(...numbers(result.incidents));
      if (result.stoppedAt === "end") break;
      expect(result.stoppedAt).toBe("matches");
      expect(result.incidents).toHaveLength(17);
      after = result.nextCursor;
      expect(after).toBeDefined();
    }
    expect(seen).toEqual(expected());
  });

  it("stops after the page bound and says so; the cursor reads the next pages", async () => {
    const first = await searchIncidents(ops.s, "checkout", { limit: 250, maxPages: 1 });
    expect(first).toMatchObject({ stoppedAt: "pages", pages: 1, scanned: 250 });
    expect(numbers(first.incidents)).toEqual(expected((n) => n > COUNT - 250));
    const rest = await searchIncidents(ops.s, "checkout", { limit: 250, after: first.nextCursor });
    expect(rest.stoppedAt).toBe("end");
    expect([...numbers(first.incidents), ...numbers(rest.incidents)]).toEqual(expected());
  });

  it("applies incident.io's filters first", async () => {
    const result = await searchIncidents(ops.s, "checkout", {
      limit: 250,
      query: { statusCategory: ["closed"] },
    });
    expect(numbers(result.incidents)).toEqual(expected((n) => n % 5 === 0));
    expect(result.total).toBe(COUNT / 5);
  });

  it("finds nothing without error when no incident matches", async () => {
    const result = await searchIncidents(ops.s, "kubernetes");
    expect(result).toMatchObject({ incidents: [], stoppedAt: "end" });
  });

  it("refuses empty or long text, bad bounds and cursors it did not make", async () => {
    expect((await refusal(searchIncidents(ops.s, "  "))).message).toContain("empty");
    expect((await refusal(searchIncidents(ops.s, "x".repeat(201)))).message).toContain("200");
    expect((await refusal(searchIncidents(ops.s, "x", { limit: 0 }))).message).toContain("limit");
    expect((await refusal(searchIncidents(ops.s, "x", { maxPages: 41 }))).message).toContain("maxPages");
    const cursor = await refusal(searchIncidents(ops.s, "x", { after: "01HZZZZZZZZZZZZZZZZZZZZZZZ" }));
    expect(cursor.code).toBe("invalid_argument");
    expect(cursor.hint).toContain("next_cursor");
  });
});
