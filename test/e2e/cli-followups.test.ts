/** `incidentkit followups …` and `incidentkit actions …` as processes, against the demo organisation. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld((snapshot) => {
    Object.assign(snapshot, demoSnapshot({ now: Date.now(), seed: 2 }));
  });
});

afterAll(async () => {
  await w.close();
});

interface FollowUpDoc {
  id: string;
  incident_id: string;
  title: string;
  status: string;
  assignee?: { id: string; email?: string };
  priority?: { name: string };
  external_issue_reference?: { issue_name: string; provider: string };
}

const incidentsById = () => new Map(w.snapshot.incidents.map((i) => [i.id, i]));
const standard = () => {
  const incidents = incidentsById();
  return w.snapshot.follow_ups.filter((f) => {
    const mode = incidents.get(f.incident_id)?.mode;
    return mode === "standard" || mode === "retrospective";
  });
};
const liveIncident = () => {
  const live = new Set(w.snapshot.incident_statuses.filter((s) => s.category === "live").map((s) => s.id));
  const incident = w.snapshot.incidents.find((i) => i.mode === "standard" && live.has(i.incident_status_id));
  if (!incident) throw new Error("the demo has no live incident");
  return incident;
};

describe("incidentkit followups", () => {
  it("lists outstanding follow-ups as a table with their incidents, and says how many more there are", async () => {
    const run = await w.cli(["followups", "list", "--status", "outstanding", "--limit", "5"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^ID\s+INCIDENT\s+STATUS\s+PRIORITY\s+ASSIGNEE\s+ISSUE\s+TITLE\s+CREATED$/);
    expect(lines.slice(1, 6).every((line) => /INC-\d+\s+outstanding/.test(line))).toBe(true);
    const outstanding = standard().filter((f) => f.status === "outstanding").length;
    expect(run.stdout).toContain(`5 of ${outstanding} follow-ups shown, newest first: add --all`);
  });

  it("lists one incident's follow-ups as JSON, and a person's by email", async () => {
    const counts = new Map<string, number>();
    for (const f of standard()) counts.set(f.incident_id, (counts.get(f.incident_id) ?? 0) + 1);
    const [id] = [...counts].find(([, n]) => n >= 2) ?? [];
    const incident = incidentsById().get(id ?? "");
    const run = await w.cli(["--json", "followups", "list", "--incident", `INC-${incident?.number}`]);
    expect(run.code).toBe(0);
    const doc = json<{
      follow_ups: FollowUpDoc[];
      total: number;
      incidents: Record<string, { reference: string }>;
    }>(run);
    expect(doc.follow_ups.map((f) => f.id).sort()).toEqual(
      standard()
        .filter((f) => f.incident_id === id)
        .map((f) => f.id)
        .sort(),
    );
    expect(doc.total).toBe(doc.follow_ups.length);
    expect(doc.incidents[id ?? ""]?.reference).toBe(`INC-${incident?.number}`);

    const user = w.snapshot.users.find(
      (u) => u.is_active && standard().some((f) => f.assignee_user_id === u.id),
    );
    const mine = await w.cli(["--json", "followups", "list", "--assignee", user?.email ?? "", "--all"]);
    const theirs = json<{ follow_ups: FollowUpDoc[] }>(mine).follow_ups;
    expect(theirs.length).toBe(standard().filter((f) => f.assignee_user_id === user?.id).length);
    expect(new Set(theirs.map((f) => f.assignee?.id))).toEqual(new Set([user?.id]));
  });

  it("creates a follow-up by names once, then updates, connects and shows it", async () => {
    const incident = liveIncident();
    const user = w.snapshot.users.find((u) => u.is_active && u.role !== "viewer");
    const args = [
      "followups",
      "create",
      `INC-${incident.number}`,
      "--title",
      "Page on queue depth",
      "--priority",
      "high",
      "--assignee",
      user?.email ?? "",
      "--label",
      "monitoring",
    ];
    const first = await w.cli(["--json", ...args]);
    expect(first.code).toBe(0);
    const made = json<{ follow_up: FollowUpDoc; created: boolean; incident: { reference: string } }>(first);
    expect(made).toMatchObject({
      created: true,
      incident: { reference: `INC-${incident.number}` },
      follow_up: { title: "Page on queue depth", priority: { name: "High" }, assignee: { id: user?.id } },
    });
    const again = await w.cli(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `Already on INC-${incident.number}: "Page on queue depth" (${made.follow_up.id}`,
    );
    expect(w.t.emulator.followUps().filter((f) => f.title === "Page on queue depth")).toHaveLength(1);

    const updated = await w.cli([
      "followups",
      "update",
      made.follow_up.id,
      "--status",
      "completed",
      "--unassign",
    ]);
    expect(updated.code).toBe(0);
    expect(updated.stdout.trim()).toBe(`Follow-up ${made.follow_up.id} updated: completed, unassigned`);

    const url = "https://acme.atlassian.net/browse/PAY-4242";
    const connected = await w.cli(["followups", "connect", made.follow_up.id, url]);
    expect(connected.stdout).toContain(`now tracked as PAY-4242 (${url})`);
    const reconnected = await w.cli(["--json", "followups", "connect", made.follow_up.id, url]);
    expect(json<{ connected: boolean }>(reconnected).connected).toBe(false);

    const shown = await w.cli(["followups", "show", made.follow_up.id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Status:\s+completed/);
    expect(shown.stdout).toMatch(/Priority:\s+High/);
    expect(shown.stdout).toMatch(/Issue:\s+PAY-4242 \(jira\)/);
    expect(shown.stdout).toContain(`INC-${incident.number} ${incident.name}`);
  });

  it("exits 2 with a hint for bad input and 4 for an unknown follow-up", async () => {
    const status = await w.cli(["followups", "list", "--status", "done"]);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("outstanding, completed, not_doing");
    const both = await w.cli([
      "followups",
      "update",
      "01HZZZZZZZZZZZZZZZZZZZZZZZ",
      "--assignee",
      "x",
      "--unassign",
    ]);
    expect(both.code).toBe(2);
    const priority = await w.cli([
      "followups",
      "create",
      `INC-${liveIncident().number}`,
      "--title",
      "x",
      "--priority",
      "someday",
    ]);
    expect(priority.code).toBe(2);
    expect(priority.stderr).toContain("Urgent, High, Medium, Low");
    const missing = await w.cli(["--json", "followups", "show", "01HZZZZZZZZZZZZZZZZZZZZZZZ"]);
    expect(missing.code).toBe(4);
    expect(JSON.parse(missing.stderr).error.hint).toContain("followups list");
  });
});

describe("incidentkit actions", () => {
  it("lists, creates once and completes an action", async () => {
    const incident = liveIncident();
    const list = await w.cli(["--json", "actions", "list", "--incident", incident.id]);
    expect(list.code).toBe(0);
    const listed = json<{ actions: { id: string }[] }>(list).actions;
    expect(listed.map((a) => a.id).sort()).toEqual(
      w.snapshot.actions
        .filter((a) => a.incident_id === incident.id)
        .map((a) => a.id)
        .sort(),
    );
    const args = ["actions", "create", `INC-${incident.number}`, "--description", "Drain the eu-west pool"];
    const made = json<{ action: { id: string }; created: boolean }>(await w.cli(["--json", ...args]));
    expect(made.created).toBe(true);
    const again = await w.cli(args);
    expect(again.stdout).toContain("nothing new was added");
    const done = await w.cli(["actions", "update", made.action.id, "--status", "completed"]);
    expect(done.stdout).toContain(`Action ${made.action.id} updated: completed`);
    const table = await w.cli(["actions", "list", "--incident", `INC-${incident.number}`]);
    expect(table.stdout).toMatch(/Drain the eu-west pool/);
  });
});
