import { newId } from "../../shared/ids.js";
import type { IncidentRecord, Snapshot } from "../model.js";
import { incidentRecord, named, testSnapshot } from "../testing.js";

export interface WorkFixture {
  snapshot: Snapshot;
  /** Incidents by role in the tests: a public standard one, another, a private one, a test-mode one. */
  incidents: { first: IncidentRecord; second: IncidentRecord; secret: IncidentRecord; drill: IncidentRecord };
  teams: { payments: string; platform: string };
  priorities: { urgent: string; low: string };
}

/**
 * The test organisation with what follow-up, action and membership tests need besides: teams (entries of a
 * catalog type in the `team` category), follow-up priorities, and incidents of each visibility and mode.
 */
export function workSnapshot(now = Date.UTC(2024, 4, 1)): WorkFixture {
  const snapshot = testSnapshot(now);
  const at = new Date(now).toISOString();
  const teamType = {
    id: newId(now),
    name: "Team",
    description: "Teams",
    type_name: 'Custom["Team"]',
    categories: ["team"],
    created_at: at,
    updated_at: at,
  };
  const team = (name: string) => ({
    id: newId(now),
    catalog_type_id: teamType.id,
    name,
    external_id: name.toLowerCase(),
    aliases: [],
    created_at: at,
    updated_at: at,
  });
  const payments = team("Payments");
  const platform = team("Platform");
  snapshot.catalog_types.push(teamType);
  snapshot.catalog_entries.push(payments, platform);
  const urgent = { id: newId(now), name: "Urgent", description: "This week", rank: 2 };
  const low = { id: newId(now), name: "Low", rank: 1 };
  snapshot.follow_up_priorities = [urgent, low];
  const lead = named(snapshot.incident_roles, "Incident Lead").id;
  const ada = named(snapshot.users, "Ada Lovelace").id;
  const first = incidentRecord(snapshot, 1, {
    name: "Payments down",
    role_assignments: [{ incident_role_id: lead, assignee_user_id: ada }],
  });
  const second = incidentRecord(snapshot, 2, { name: "Checkout slow" });
  const secret = incidentRecord(snapshot, 3, { name: "Leaked key", visibility: "private" });
  const drill = incidentRecord(snapshot, 4, { name: "Fire drill", mode: "test" });
  snapshot.incidents = [first, second, secret, drill];
  return {
    snapshot,
    incidents: { first, second, secret, drill },
    teams: { payments: payments.id, platform: platform.id },
    priorities: { urgent: urgent.id, low: low.id },
  };
}
