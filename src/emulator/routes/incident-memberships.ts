import type { Hono } from "hono";
import { z } from "zod";
import { newId } from "../../shared/ids.js";
import { type AppEnv, type Deps, nowIso, parseBody, requireScope } from "../context.js";
import { validationError } from "../errors.js";
import type { IncidentRecord } from "../model.js";
import type { IncidentMembershipRecord } from "../model-memberships.js";
import { renderMembership } from "../render-work-items.js";
import type { EmulatorState } from "../state.js";

const membershipPayload = z.object({ incident_id: z.string(), user_id: z.string() });

/**
 * Incident Memberships V1: who, besides those who see every incident, may see a private one. The membership
 * scopes exist to manage private incidents, so a key holding them reaches a private incident by its ID even when
 * it could not list it.
 */
export function incidentMembershipRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state } = deps;

  app.post("/v1/incident_memberships", async (c) => {
    requireScope(c, "incident_memberships.grant");
    const input = await parseBody(c, membershipPayload);
    const incident = privateIncident(state, input.incident_id);
    const user = state.get("users", input.user_id);
    if (!user) {
      throw validationError(
        "user_id",
        `There is no user with ID "${input.user_id}"; list users with GET /v2/users.`,
      );
    }
    if (!user.is_active) {
      throw validationError("user_id", `${user.name} has been deactivated and cannot be made a member.`);
    }
    // Granting is setting: a user who is already a member keeps the membership they have.
    const existing = membershipOf(state, incident.id, user.id);
    if (existing) return c.json({ incident_membership: renderMembership(state, existing) }, 201);
    const at = nowIso(deps.clock);
    const membership: IncidentMembershipRecord = {
      id: newId(deps.clock.now()),
      incident_id: incident.id,
      user_id: user.id,
      created_at: at,
      updated_at: at,
    };
    state.commit([{ collection: "incident_memberships", id: membership.id, record: membership }]);
    return c.json({ incident_membership: renderMembership(state, membership) }, 201);
  });

  app.post("/v1/incident_memberships/actions/revoke", async (c) => {
    requireScope(c, "incident_memberships.revoke");
    const input = await parseBody(c, membershipPayload);
    const incident = privateIncident(state, input.incident_id);
    const membership = membershipOf(state, incident.id, input.user_id);
    if (!membership) {
      const user = state.get("users", input.user_id);
      throw validationError(
        "user_id",
        user
          ? `${user.name} is not a member of INC-${incident.number}.`
          : `There is no user with ID "${input.user_id}"; list users with GET /v2/users.`,
      );
    }
    state.commit([{ collection: "incident_memberships", id: membership.id }]);
    return c.body(null, 204);
  });
}

function privateIncident(state: EmulatorState, id: string): IncidentRecord {
  const incident = state.get("incidents", id);
  if (!incident) throw validationError("incident_id", `There is no incident with ID "${id}".`);
  if (incident.visibility !== "private") {
    throw validationError(
      "incident_id",
      `INC-${incident.number} is public: everyone can already see it, memberships are for private incidents.`,
    );
  }
  return incident;
}

function membershipOf(
  state: EmulatorState,
  incidentId: string,
  userId: string,
): IncidentMembershipRecord | undefined {
  for (const m of state.values("incident_memberships")) {
    if (m.incident_id === incidentId && m.user_id === userId) return m;
  }
  return undefined;
}
