import { describe, expect, it } from "vitest";
import { demoSnapshotWithLabels } from "./demo.js";

const NOW = Date.UTC(2025, 5, 1, 12);
const { snapshot, familyOf } = demoSnapshotWithLabels({ now: NOW, seed: 1 });
const category = new Map(snapshot.incident_statuses.map((s) => [s.id, s.category]));
const incidents = new Map(snapshot.incidents.map((i) => [i.id, i]));
const stageOf = (incidentId: string) => category.get(incidents.get(incidentId)?.incident_status_id ?? "");

describe("the demo organisation's follow-ups and actions", () => {
  it("is the same for the same seed and time", () => {
    const again = demoSnapshotWithLabels({ now: NOW, seed: 1 }).snapshot;
    expect(again.follow_ups).toEqual(snapshot.follow_ups);
    expect(again.actions).toEqual(snapshot.actions);
    expect(again.incident_memberships).toEqual(snapshot.incident_memberships);
  });

  it("gives resolved real incidents follow-ups: most closed ones done, some still open, a few not done", () => {
    expect(snapshot.follow_ups.length).toBeGreaterThan(300);
    const stages = new Set(snapshot.follow_ups.map((f) => stageOf(f.incident_id)));
    expect(stages).toEqual(new Set(["learning", "closed"]));
    expect(snapshot.follow_ups.every((f) => incidents.get(f.incident_id)?.mode !== "test")).toBe(true);
    const closed = snapshot.follow_ups.filter((f) => stageOf(f.incident_id) === "closed");
    const share = (status: string) => closed.filter((f) => f.status === status).length / closed.length;
    expect(share("completed")).toBeGreaterThan(0.5);
    expect(share("outstanding")).toBeGreaterThan(0.05);
    expect(share("not_doing")).toBeGreaterThan(0.02);
    for (const f of snapshot.follow_ups) {
      expect(f.created_at <= new Date(NOW).toISOString()).toBe(true);
      if (f.status === "completed") expect(f.completed_at && f.completed_at >= f.created_at).toBe(true);
      else expect(f.completed_at).toBeUndefined();
    }
  });

  it("answers 'last time this happened': the newest live incident's family has earlier follow-ups still open", () => {
    const live = snapshot.incidents.filter((i) => category.get(i.incident_status_id) === "live").at(-1);
    const family = familyOf.get(live?.id ?? "");
    const earlier = snapshot.follow_ups.filter((f) => familyOf.get(f.incident_id) === family);
    expect(earlier.length).toBeGreaterThan(3);
    expect(earlier.some((f) => f.status === "outstanding")).toBe(true);
    expect(earlier.some((f) => f.status === "completed")).toBe(true);
  });

  it("tracks many in Jira or Linear, each issue once, and names only what exists", () => {
    const issues = snapshot.follow_ups.flatMap((f) => (f.external_issue ? [f.external_issue] : []));
    expect(new Set(issues.map((i) => i.provider))).toEqual(new Set(["jira", "linear"]));
    expect(new Set(issues.map((i) => i.issue_name)).size).toBe(issues.length);
    for (const issue of issues) expect(issue.issue_permalink).toContain(issue.issue_name);
    const users = new Set(snapshot.users.map((u) => u.id));
    const entries = new Set(snapshot.catalog_entries.map((e) => e.id));
    const priorities = new Set(snapshot.follow_up_priorities.map((p) => p.id));
    for (const f of snapshot.follow_ups) {
      if (f.assignee_user_id) expect(users.has(f.assignee_user_id)).toBe(true);
      if (f.assignee_team_id) expect(entries.has(f.assignee_team_id)).toBe(true);
      if (f.priority_id) expect(priorities.has(f.priority_id)).toBe(true);
    }
    expect(snapshot.follow_up_priorities.map((p) => p.name)).toEqual(["Urgent", "High", "Medium", "Low"]);
  });

  it("gives the incidents still running actions, some done", () => {
    const stages = new Set(snapshot.actions.map((a) => stageOf(a.incident_id)));
    expect([...stages].every((s) => s === "live" || s === "paused" || s === "triage")).toBe(true);
    expect(snapshot.actions.some((a) => a.status === "completed")).toBe(true);
    expect(snapshot.actions.some((a) => a.status === "outstanding")).toBe(true);
    expect(snapshot.actions.every((a) => !a.description.includes("{"))).toBe(true);
  });

  it("makes the people who held a role in a private incident its members", () => {
    const secret = snapshot.incidents.filter((i) => i.visibility === "private");
    expect(secret.length).toBeGreaterThan(0);
    for (const incident of secret) {
      const members = snapshot.incident_memberships
        .filter((m) => m.incident_id === incident.id)
        .map((m) => m.user_id);
      const holders = incident.role_assignments.flatMap((a) =>
        a.assignee_user_id ? [a.assignee_user_id] : [],
      );
      expect(members.sort()).toEqual([...new Set(holders)].sort());
    }
  });
});
