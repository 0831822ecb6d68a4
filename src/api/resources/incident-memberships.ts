import type { Caller } from "../caller.js";
import {
  type IncidentMembership,
  type IncidentMembershipPayload,
  IncidentMembershipResult,
} from "../types/memberships.js";

/** Incident memberships (v1): who, besides those who see every incident, may see a private one. */
export class IncidentMemberships {
  constructor(private readonly caller: Caller) {}

  /** Lets the user into the private incident. Retried safely: granting twice leaves one membership. */
  grant(body: IncidentMembershipPayload): Promise<{ incident_membership: IncidentMembership }> {
    return this.caller.json(IncidentMembershipResult, "POST", "/v1/incident_memberships", {
      body,
      idempotent: true,
    });
  }

  /** Takes the user's membership away. Not retried on 5xx: a repeat of an applied revoke is refused. */
  revoke(body: IncidentMembershipPayload): Promise<void> {
    return this.caller.send("POST", "/v1/incident_memberships/actions/revoke", { body });
  }
}
