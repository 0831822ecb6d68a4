import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSnapshot } from "../emulator/seed/index.js";
import { createAction, getAction, listActions, updateAction } from "./actions.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";

/** Actions by name against the emulator seeded with the demo organisation (its running incidents have some). */

const snapshot = demoSnapshot({ now: Date.UTC(2024, 4, 2, 9, 30), seed: 2 });
const incidents = new Map(snapshot.incidents.map((incident) => [incident.id, incident]));
const listedByDefault = snapshot.actions.filter((a) => {
  const mode = incidents.get(a.incident_id)?.mode;
  return mode === "standard" || mode === "retrospective";
});

let ops: OpsTest;
beforeAll(async () => {
  ops = await startOpsTest({ snapshot });
});
afterAll(async () => {
  await ops.close();
});

describe("actions", () => {
  it("lists actions across incidents and per incident, filtered by status", async () => {
    const all = await listActions(ops.s, { all: true });
    expect(all.total).toBe(listedByDefault.length);
    expect(all.actions.map((a) => a.id).sort()).toEqual(listedByDefault.map((a) => a.id).sort());
    const first = listedByDefault[0];
    const incident = incidents.get(first?.incident_id ?? "");
    const theirs = await listActions(ops.s, { incident: `INC-${incident?.number}` });
    expect(theirs.actions.map((a) => a.id).sort()).toEqual(
      listedByDefault
        .filter((a) => a.incident_id === incident?.id)
        .map((a) => a.id)
        .sort(),
    );
    expect(theirs.incidents[incident?.id ?? ""]?.reference).toBe(`INC-${incident?.number}`);
    const done = await listActions(ops.s, { status: ["completed"], all: true });
    expect(done.total).toBe(listedByDefault.filter((a) => a.status === "completed").length);
  });

  it("adds an action once, completes it, unassigns it, and shows it", async () => {
    const incident = incidents.get(listedByDefault[0]?.incident_id ?? "");
    const user = snapshot.users.find((u) => u.is_active && u.role !== "viewer");
    const before = ops.t.emulator.actions().length;
    const made = await createAction(ops.s, `INC-${incident?.number}`, {
      description: "Fail over to the replica",
      assignee: user?.name ?? "",
    });
    expect(made.created).toBe(true);
    expect(made.action.assignee?.id).toBe(user?.id);
    const again = await createAction(ops.s, incident?.id ?? "", { description: "fail over to the  replica" });
    expect(again).toMatchObject({ created: false, action: { id: made.action.id } });
    expect(ops.t.emulator.actions()).toHaveLength(before + 1);

    const completed = await updateAction(ops.s, made.action.id, { status: "completed" });
    expect(completed).toMatchObject({ status: "completed", description: "Fail over to the replica" });
    expect(completed.assignee?.id).toBe(user?.id);
    const unassigned = await updateAction(ops.s, made.action.id, { assignee: null });
    expect(unassigned.assignee).toBeUndefined();
    expect(unassigned.status).toBe("completed");
    const shown = await getAction(ops.s, made.action.id);
    expect(shown.incident?.reference).toBe(`INC-${incident?.number}`);
  });

  it("refuses an empty description, nothing to change and an unknown action", async () => {
    const incident = listedByDefault[0]?.incident_id ?? "";
    expect((await refusal(createAction(ops.s, incident, { description: " " }))).code).toBe(
      "invalid_argument",
    );
    expect((await refusal(updateAction(ops.s, listedByDefault[0]?.id ?? "", {}))).code).toBe(
      "invalid_argument",
    );
    const missing = await refusal(updateAction(ops.s, "01HZZZZZZZZZZZZZZZZZZZZZZZ", { status: "completed" }));
    expect(missing.code).toBe("not_found");
    expect(missing.hint).toContain("actions list");
  });
});
