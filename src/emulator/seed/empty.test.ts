import { describe, expect, it } from "vitest";
import { emptySnapshot } from "./index.js";

describe("emptySnapshot", () => {
  const now = Date.parse("2025-03-01T12:00:00Z");
  const snap = emptySnapshot({ now });

  it("has the statuses incident.io manages plus one live and one closed", () => {
    const categories = snap.incident_statuses.map((s) => s.category).sort();
    expect(categories).toEqual(["canceled", "closed", "declined", "live", "merged", "paused", "triage"]);
    expect(snap.incident_statuses.find((s) => s.category === "live")?.name).toBe("Investigating");
  });

  it("has exactly one lead role and no incidents", () => {
    expect(snap.incident_roles.filter((r) => r.role_type === "lead")).toHaveLength(1);
    expect(snap.incidents).toEqual([]);
    expect(snap.incident_updates).toEqual([]);
  });

  it("has an Admin key with global access and an incident.io-shaped token", () => {
    expect(snap.api_keys).toHaveLength(1);
    const key = snap.api_keys[0];
    expect(key?.name).toBe("Admin");
    expect(key?.roles).toEqual(["global_access"]);
    expect(key?.token).toMatch(/^inc_[0-9a-f]{64}$/);
    expect(emptySnapshot({ now }).api_keys[0]?.token).not.toBe(key?.token);
  });

  it("stamps records with the given time and gives every record a distinct id", () => {
    expect(snap.incident_statuses.every((s) => s.created_at === "2025-03-01T12:00:00.000Z")).toBe(true);
    const ids = [
      snap.organisation.id,
      ...snap.incident_statuses.map((s) => s.id),
      ...snap.incident_roles.map((r) => r.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(snap.organisation.slack_team_id).toMatch(/^T[A-Z0-9]+$/);
  });
});
