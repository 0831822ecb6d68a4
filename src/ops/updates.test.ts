import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { declareIncident } from "./incidents.js";
import { openSession } from "./session.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";
import { listUpdates, postUpdate } from "./updates.js";

let ops: OpsTest;
beforeEach(async () => {
  ops = await startOpsTest();
});
afterEach(async () => {
  await ops.close();
});

const declare = async (name = "Updates") =>
  (await declareIncident(ops.s, { name, severity: "Minor" })).incident;

describe("postUpdate", () => {
  it("posts a message, and the same update twice is one update", async () => {
    const incident = await declare();
    const first = await postUpdate(ops.s, incident.reference, { message: "Looking into it" });
    expect(first.update.message).toBe("Looking into it");
    expect(first.update.incident_id).toBe(incident.id);
    expect(first.idempotencyKey).toMatch(/^incidentkit-update-[0-9a-f]{32}$/);
    const count = ops.t.emulator.incidentUpdates().length;
    const again = await postUpdate(ops.s, incident.id, { message: "Looking into it " });
    expect(again.update.id).toBe(first.update.id);
    expect(ops.t.emulator.incidentUpdates()).toHaveLength(count);
    const other = await postUpdate(ops.s, incident.id, { message: "Found it" });
    expect(other.update.id).not.toBe(first.update.id);
    expect(ops.t.emulator.incidentUpdates()).toHaveLength(count + 1);
  });

  it("posts the same message again as a new update once the first is older than a few minutes", async () => {
    const incident = await declare();
    const first = await postUpdate(ops.s, incident.id, { message: "Still investigating" });
    ops.clock.advance(3 * 60_000);
    const retried = await postUpdate(ops.s, incident.id, { message: "Still investigating" });
    expect(retried).toMatchObject({ created: false, idempotencyKey: first.idempotencyKey });
    ops.clock.advance(60 * 60_000);
    const hourLater = await postUpdate(ops.s, incident.id, { message: "Still investigating" });
    expect(hourLater.created).toBe(true);
    expect(hourLater.update.id).not.toBe(first.update.id);
  });

  it("moves status and severity by name with the message", async () => {
    const incident = await declare();
    const { update } = await postUpdate(ops.s, incident.id, {
      message: "Fix rolling out",
      status: "fixing",
      severity: "major",
    });
    expect(update.new_incident_status.name).toBe("Fixing");
    expect(update.new_severity?.name).toBe("Major");
  });

  it("refuses an empty message, unknown names, refused moves and keys without the scope", async () => {
    const incident = await declare();
    expect((await refusal(postUpdate(ops.s, incident.id, { message: " " }))).code).toBe("invalid_argument");
    const status = await refusal(postUpdate(ops.s, incident.id, { message: "x", status: "Done" }));
    expect(status.hint).toContain("Closed");
    await postUpdate(ops.s, incident.id, { message: "closing", status: "Closed" });
    const move = await refusal(
      postUpdate(ops.s, incident.id, { message: "reopen", status: "Investigating" }),
    );
    expect(move.code).toBe("validation_failed");
    expect(move.hint).toContain("from post-incident to closed");
    const viewer = openSession(ops.client("Viewer"));
    expect((await refusal(postUpdate(viewer, incident.id, { message: "hi" }))).code).toBe("forbidden");
  });
});

describe("listUpdates", () => {
  it("lists an incident's updates newest first, in pages", async () => {
    const incident = await declare();
    const other = await declare("Other");
    for (const message of ["one", "two", "three"]) await postUpdate(ops.s, incident.id, { message });
    await postUpdate(ops.s, other.id, { message: "elsewhere" });
    const page = await listUpdates(ops.s, incident.reference, { limit: 2 });
    expect(page.updates.map((u) => u.message)).toEqual(["three", "two"]);
    expect(page.nextCursor).toBeDefined();
    const rest = await listUpdates(ops.s, incident.id, { after: page.nextCursor as string });
    expect(rest.updates.map((u) => u.message)).toEqual(["one"]);
    expect(rest.nextCursor).toBeUndefined();
    expect((await refusal(listUpdates(ops.s, "INC-999"))).code).toBe("not_found");
  });
});
