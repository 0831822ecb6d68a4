import type { IncidentRecord } from "../model.js";
import type { IncidentMembershipRecord } from "../model-memberships.js";
import { Random } from "./random.js";

/**
 * Members of the demo's private (Security) incidents: the people who held a role in one were let into it when it
 * was declared. Drawn from a generator of its own, so adding them left every other seeded ID as it was.
 */
export function demoMemberships(
  incidents: readonly IncidentRecord[],
  seed: number,
): IncidentMembershipRecord[] {
  const rng = new Random(seed ^ 0x3e3b_e125);
  const memberships: IncidentMembershipRecord[] = [];
  for (const incident of incidents) {
    if (incident.visibility !== "private") continue;
    const people = new Set(
      incident.role_assignments.flatMap((a) => (a.assignee_user_id ? [a.assignee_user_id] : [])),
    );
    for (const userId of people) {
      memberships.push({
        id: rng.id(Date.parse(incident.created_at)),
        incident_id: incident.id,
        user_id: userId,
        created_at: incident.created_at,
        updated_at: incident.created_at,
      });
    }
  }
  return memberships;
}
