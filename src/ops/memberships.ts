import type { Incident, IncidentMembership, User } from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { isValidationOf } from "./rehint.js";
import type { OpsSession } from "./session.js";

/** What a grant or revoke did: `changed` is false when the user already had (or had no) access. */
export interface AccessChange {
  incident: Incident;
  user: User;
  /** The membership granted (or found); absent after a revoke. */
  membership?: IncidentMembership;
  changed: boolean;
}

/** The incident, when it is private: memberships mean nothing on a public one, which everyone can see. */
async function privateIncident(s: OpsSession, ref: string): Promise<Incident> {
  const incident = await fetchIncident(s, ref);
  if (incident.visibility !== "private") {
    throw invalidArgument(
      `${incident.reference} is public: everyone in the organisation can already see it`,
      "access is granted and revoked on private incidents only; to work on this one, assign the person a role",
    );
  }
  return incident;
}

/**
 * Lets a user (by email, name or ID) see a private incident. incident.io answers a second grant with the same
 * membership; it counts as made now when incident.io made it after this call started.
 */
export async function grantIncidentAccess(
  s: OpsSession,
  ref: string,
  userName: string,
): Promise<AccessChange> {
  const [incident, user] = await Promise.all([privateIncident(s, ref), s.lookups.user(userName)]);
  const started = s.clock.now();
  const { incident_membership: membership } = await s.io.incidentMemberships.grant({
    incident_id: incident.id,
    user_id: user.id,
  });
  // Two seconds' grace for the difference between this machine's clock and incident.io's.
  const changed = Date.parse(membership.created_at) >= started - 2_000;
  return { incident, user, membership, changed };
}

/**
 * Takes a user's access to a private incident away. A user who was no member (or a revoke repeated after a lost
 * answer) is left as they are, and `changed` says so.
 */
export async function revokeIncidentAccess(
  s: OpsSession,
  ref: string,
  userName: string,
): Promise<AccessChange> {
  const [incident, user] = await Promise.all([privateIncident(s, ref), s.lookups.user(userName)]);
  try {
    await s.io.incidentMemberships.revoke({ incident_id: incident.id, user_id: user.id });
  } catch (error) {
    // The user exists (found above), so a refusal naming the user means they were no member.
    if (isValidationOf(error, "user_id")) return { incident, user, changed: false };
    throw error;
  }
  return { incident, user, changed: true };
}
