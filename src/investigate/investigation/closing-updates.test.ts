import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IncidentIo } from "../../api/index.js";
import { closeIncident, declareIncident } from "../../ops/incidents.js";
import { openSession } from "../../ops/session.js";
import { type OpsTest, startOpsTest } from "../../ops/testing.js";
import { postUpdate } from "../../ops/updates.js";
import type { SimilarIncident } from "../similar/index.js";
import { closingUpdates } from "./closing-updates.js";

let ops: OpsTest;
beforeEach(async () => {
  ops = await startOpsTest();
});
afterEach(async () => {
  await ops.close();
});

/** A ranked similar incident as the ranking returns it, resolved or not, with or without a cause field. */
function similar(
  id: string,
  resolved: boolean,
  notes: SimilarIncident["resolution"]["notes"] = [],
): SimilarIncident {
  const created = "2024-05-01T09:00:00.000Z";
  const resolvedAt = resolved ? "2024-05-01T10:00:00.000Z" : null;
  return {
    incident: {
      id,
      reference: `INC-${id.slice(-4)}`,
      name: "Pool exhausted",
      severity: "Minor",
      status: resolved ? "Closed" : "Fixing",
      statusCategory: resolved ? "closed" : "live",
      created,
      resolved: resolvedAt,
      permalink: null,
    },
    score: 0.6,
    components: {},
    reasons: [],
    resolution: {
      status: resolved ? "Closed" : "Fixing",
      statusCategory: resolved ? "closed" : "live",
      resolvedAt,
      timeToResolveMs: resolved ? 3_600_000 : null,
      notes,
    },
  };
}

async function declared(name: string): Promise<string> {
  return (await declareIncident(ops.s, { name, severity: "Minor" })).incident.id;
}

describe("closingUpdates", () => {
  it("takes the message of the update that resolved the incident, not an earlier or a later one", async () => {
    const id = await declared("Pool exhausted");
    await postUpdate(ops.s, id, { message: "Found a connection leak in refunds.", status: "Fixing" });
    ops.clock.advance(30 * 60_000);
    await postUpdate(ops.s, id, {
      message: "Rolled back v2.9.1; payments are normal again.",
      status: "Closed",
    });
    // In the same instant: incident.io lists it first, as the newer.
    await postUpdate(ops.s, id, { message: "Debrief done." });
    const found = await closingUpdates(ops.s, [similar(id, true)]);
    expect(found).toEqual(new Map([[id, "Rolled back v2.9.1; payments are normal again."]]));
  });

  it("reads nothing for an open incident or one whose cause field says how, and nothing when no update says", async () => {
    const open = await declared("Open");
    await postUpdate(ops.s, open, { message: "Looking", status: "Fixing" });
    const withCause = await declared("With cause");
    await postUpdate(ops.s, withCause, { message: "Closing", status: "Closed" });
    const silent = await declared("Closed without a word");
    await closeIncident(ops.s, silent);
    const before = ops.requests.length;
    const found = await closingUpdates(ops.s, [
      similar(open, false),
      similar(withCause, true, [{ field: "Root cause", text: "A leak." }]),
      similar(silent, true),
    ]);
    expect(found.size).toBe(0);
    expect(ops.requests.slice(before)).toEqual(["GET /v2/incident_updates"]);
  });

  it("leaves out an incident whose updates cannot be read, and says so", async () => {
    const unreachable = openSession(
      new IncidentIo({ apiKey: "inc_test", baseUrl: "http://127.0.0.1:9", maxRetries: 0, rateLimit: false }),
    );
    const warnings: string[] = [];
    const found = await closingUpdates(
      unreachable,
      [similar("01HZZZZZZZZZZZZZZZZZZZ0000", true)],
      (message) => warnings.push(message),
    );
    expect(found.size).toBe(0);
    expect(warnings).toEqual([expect.stringMatching(/^the updates of INC-0000 could not be read/)]);
  });
});
