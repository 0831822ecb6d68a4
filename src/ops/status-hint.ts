import type { IncidentStatus } from "../api/index.js";
import type { OpsSession } from "./session.js";

const MOVES =
  "incident.io moves an incident within a category, from triage, active (live) or paused to a post-incident " +
  "(learning) or closed status, and from post-incident to closed";

function describe(status: IncidentStatus): string {
  return `${status.name} (${status.category})`;
}

/** What a refused status move needs: the allowed moves and the organisation's statuses with their categories. */
export async function statusMoveHint(s: OpsSession, from?: IncidentStatus): Promise<string> {
  const statuses = await s.lookups.statuses().catch(() => []);
  const parts = [MOVES];
  if (from) parts.push(`the incident is in ${describe(from)}`);
  if (statuses.length > 0) parts.push(`statuses: ${statuses.map(describe).join(", ")}`);
  return parts.join("; ");
}
