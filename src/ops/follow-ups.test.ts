import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSnapshotWithLabels } from "../emulator/seed/index.js";
import {
  connectFollowUpIssue,
  createFollowUp,
  getFollowUp,
  listFollowUps,
  updateFollowUp,
} from "./follow-ups.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";

/** Follow-ups by name against the emulator seeded with the demo organisation (its debriefs left follow-ups). */

const NOW = Date.UTC(2024, 4, 2, 9, 30);
const { snapshot } = demoSnapshotWithLabels({ now: NOW, seed: 2 });
const incidents = new Map(snapshot.incidents.map((incident) => [incident.id, incident]));
const users = new Map(snapshot.users.map((user) => [user.id, user]));
/** What incident.io lists by default: follow-ups of standard and retrospective incidents. */
const listedByDefault = snapshot.follow_ups.filter((f) => {
  const mode = incidents.get(f.incident_id)?.mode;
  return mode === "standard" || mode === "retrospective";
});
const withFollowUps = (min: number) => {
  const counts = new Map<string, number>();
  for (const f of listedByDefault) counts.set(f.incident_id, (counts.get(f.incident_id) ?? 0) + 1);
  const [id] = [...counts].find(([, n]) => n >= min) ?? [];
  const incident = incidents.get(id ?? "");
  if (!incident) throw new Error(`the demo has no incident with ${min} follow-ups`);
  return incident;
};
const live = snapshot.incidents.filter(
  (i) =>
    i.mode === "standard" &&
    snapshot.incident_statuses.find((s) => s.id === i.incident_status_id)?.category === "live",
);

let ops: OpsTest;
beforeAll(async () => {
  ops = await startOpsTest({ snapshot });
});
afterAll(async () => {
  await ops.close();
});

describe("listFollowUps", () => {
  it("lists follow-ups across incidents newest first, 50 by default, with the incidents named", async () => {
    const { followUps, total, incidents: names } = await listFollowUps(ops.s);
    expect(total).toBe(listedByDefault.length);
    expect(followUps).toHaveLength(50);
    const times = followUps.map((f) => f.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(times[0]).toBe(
      listedByDefault
        .map((f) => f.created_at)
        .sort()
        .at(-1),
    );
    // The default page's incidents are all named: at most 50, one read each.
    expect(followUps.filter((f) => names[f.incident_id] === undefined)).toEqual([]);
    for (const id of Object.keys(names))
      expect(names[id]?.reference).toBe(`INC-${incidents.get(id)?.number}`);
    const everything = await listFollowUps(ops.s, { all: true });
    expect(everything.followUps).toHaveLength(listedByDefault.length);
  });

  it("lists one incident's by reference, filtered by status and by assignee's email or name", async () => {
    const incident = withFollowUps(2);
    const ref = `INC-${incident.number}`;
    const expected = listedByDefault.filter((f) => f.incident_id === incident.id);
    const all = await listFollowUps(ops.s, { incident: ref });
    expect(all.followUps.map((f) => f.id).sort()).toEqual(expected.map((f) => f.id).sort());
    expect(all.incidents[incident.id]).toEqual({ reference: ref, name: incident.name });

    const outstanding = await listFollowUps(ops.s, { status: ["Outstanding"], all: true });
    expect(outstanding.total).toBe(listedByDefault.filter((f) => f.status === "outstanding").length);
    expect(new Set(outstanding.followUps.map((f) => f.status))).toEqual(new Set(["outstanding"]));

    const assigned = listedByDefault.find(
      (f) => f.assignee_user_id && users.get(f.assignee_user_id)?.is_active,
    );
    const user = users.get(assigned?.assignee_user_id ?? "");
    const theirs = listedByDefault
      .filter((f) => f.assignee_user_id === user?.id)
      .map((f) => f.id)
      .sort();
    const byEmail = await listFollowUps(ops.s, { assignee: user?.email?.toUpperCase() ?? "", all: true });
    expect(byEmail.followUps.map((f) => f.id).sort()).toEqual(theirs);
    const byName = await listFollowUps(ops.s, { assignee: user?.name ?? "", all: true });
    expect(byName.total).toBe(theirs.length);
  });

  it("refuses an unknown status, mode or person with a hint naming what is accepted", async () => {
    const status = await refusal(listFollowUps(ops.s, { status: ["done"] }));
    expect(status.code).toBe("invalid_argument");
    expect(status.hint).toContain("outstanding, completed, not_doing");
    const mode = await refusal(listFollowUps(ops.s, { mode: "practice" }));
    expect(mode.hint).toContain("standard, retrospective, test");
    const person = await refusal(listFollowUps(ops.s, { assignee: "nobody@nowhere.example" }));
    expect(person.code).toBe("invalid_argument");
    expect(person.hint).toMatch(/email/);
    const incident = await refusal(listFollowUps(ops.s, { incident: "INC-999999" }));
    expect(incident.code).toBe("not_found");
  });

  it("lists follow-ups of test incidents when the mode asks for them", async () => {
    const tests = await listFollowUps(ops.s, { mode: "test", all: true });
    const expected = snapshot.follow_ups.filter((f) => incidents.get(f.incident_id)?.mode === "test");
    expect(tests.total).toBe(expected.length);
  });
});

describe("createFollowUp", () => {
  it("adds a follow-up by names once: the same title again finds it", async () => {
    const incident = live[0];
    if (!incident) throw new Error("the demo has no live incident");
    const user = snapshot.users.find((u) => u.is_active && u.role !== "viewer");
    const before = ops.t.emulator.followUps().length;
    const first = await createFollowUp(ops.s, `INC-${incident.number}`, {
      title: "Alert on connection pool saturation",
      description: "At 80% for five minutes",
      assignee: user?.email ?? "",
      priority: "high",
      labels: ["monitoring"],
    });
    expect(first.created).toBe(true);
    expect(first.incident.reference).toBe(`INC-${incident.number}`);
    expect(first.followUp).toMatchObject({
      title: "Alert on connection pool saturation",
      status: "outstanding",
      assignee: { id: user?.id },
      priority: { name: "High" },
      labels: ["monitoring"],
    });
    const again = await createFollowUp(ops.s, incident.id, {
      title: "  alert on CONNECTION pool saturation ",
    });
    expect(again).toMatchObject({ created: false, followUp: { id: first.followUp.id } });
    expect(ops.t.emulator.followUps()).toHaveLength(before + 1);
  });

  it("makes one follow-up of two identical calls at once, also on a test incident", async () => {
    const incident = snapshot.incidents.find((i) => i.mode === "test");
    if (!incident) throw new Error("the demo has no test incident");
    const before = ops.t.emulator.followUps().length;
    const [a, b] = await Promise.all([
      createFollowUp(ops.s, incident.id, { title: "Rehearse the failover" }),
      createFollowUp(ops.s, incident.id, { title: "Rehearse the failover" }),
    ]);
    expect(a.followUp.id).toBe(b.followUp.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(ops.t.emulator.followUps()).toHaveLength(before + 1);
  });

  it("refuses an empty title and an unknown priority, listing the priorities by urgency", async () => {
    const incident = live[0]?.id ?? "";
    expect((await refusal(createFollowUp(ops.s, incident, { title: "  " }))).code).toBe("invalid_argument");
    const priority = await refusal(createFollowUp(ops.s, incident, { title: "x", priority: "Whenever" }));
    expect(priority.code).toBe("invalid_argument");
    expect(priority.hint).toBe("use one of: Urgent, High, Medium, Low");
  });
});

describe("updateFollowUp and getFollowUp", () => {
  it("changes only what is given, by names, and unassigns with null", async () => {
    const target = listedByDefault.find((f) => f.status === "outstanding" && f.assignee_user_id);
    if (!target) throw new Error("the demo has no assigned outstanding follow-up");
    const done = await updateFollowUp(ops.s, target.id, { status: "completed", priority: "low" });
    expect(done).toMatchObject({
      id: target.id,
      title: target.title,
      status: "completed",
      priority: { name: "Low" },
    });
    expect(done.completed_at).toBeDefined();
    expect(done.assignee?.id).toBe(target.assignee_user_id);
    const unassigned = await updateFollowUp(ops.s, target.id, { assignee: null, title: "Renamed" });
    expect(unassigned.assignee).toBeUndefined();
    expect(unassigned).toMatchObject({ title: "Renamed", status: "completed" });
    const shown = await getFollowUp(ops.s, target.id);
    expect(shown.followUp.title).toBe("Renamed");
    expect(shown.incident?.reference).toBe(`INC-${incidents.get(target.incident_id)?.number}`);
  });

  it("refuses an empty change, a deleted status, and an unknown ID with a hint to list them", async () => {
    const id = listedByDefault[0]?.id ?? "";
    expect((await refusal(updateFollowUp(ops.s, id, {}))).code).toBe("invalid_argument");
    const deleted = await refusal(updateFollowUp(ops.s, id, { status: "deleted" }));
    expect(deleted.hint).toMatch(/deleting is not offered/);
    const missing = await refusal(getFollowUp(ops.s, "01HZZZZZZZZZZZZZZZZZZZZZZZ"));
    expect(missing.code).toBe("not_found");
    expect(missing.hint).toContain("followups list");
  });
});

describe("connectFollowUpIssue", () => {
  it("tells the tracker from the link, connects once, and refuses a second issue", async () => {
    const target = listedByDefault.find((f) => !f.external_issue);
    if (!target) throw new Error("the demo has no follow-up without an issue");
    const link = "https://acme.atlassian.net/browse/PAY-999";
    const first = await connectFollowUpIssue(ops.s, target.id, link);
    expect(first.connected).toBe(true);
    expect(first.followUp.external_issue_reference).toMatchObject({
      provider: "jira",
      issue_name: "PAY-999",
    });
    const again = await connectFollowUpIssue(ops.s, target.id, `${link}/`);
    expect(again.connected).toBe(false);
    const other = await refusal(
      connectFollowUpIssue(ops.s, target.id, "https://linear.app/acme/issue/PLAT-1"),
    );
    expect(other.code).toBe("invalid_argument");
    expect(other.message).toContain("PAY-999");
  });

  it("needs the tracker named for an address it cannot tell, and refuses what is not a link", async () => {
    const target = listedByDefault.filter((f) => !f.external_issue)[1];
    const id = target?.id ?? "";
    const unknown = await refusal(connectFollowUpIssue(ops.s, id, "https://jira.acme.internal/browse/OPS-7"));
    expect(unknown.hint).toContain("jira_server");
    const named = await connectFollowUpIssue(ops.s, id, "https://jira.acme.internal/browse/OPS-7", {
      provider: "Jira Server",
    });
    expect(named.followUp.external_issue_reference?.provider).toBe("jira_server");
    expect((await refusal(connectFollowUpIssue(ops.s, id, "PAY-12"))).code).toBe("invalid_argument");
    expect(
      (await refusal(connectFollowUpIssue(ops.s, id, "https://x.example/1", { provider: "trello" }))).hint,
    ).toContain("jira, jira_server");
  });
});
