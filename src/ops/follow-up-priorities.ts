import type { FollowUpPriority } from "../api/index.js";
import { invalidArgument } from "./invalid-argument.js";
import { findNamed } from "./lookups.js";
import type { OpsSession } from "./session.js";

/**
 * Follow-up priorities by name. incident.io's API has no list of them: a priority shows only on the follow-ups that
 * carry it, so the names known are those of the organisation's follow-ups, read once per session.
 */
const known = new WeakMap<OpsSession, Promise<FollowUpPriority[]>>();

/** Most urgent first. */
export function followUpPriorities(s: OpsSession): Promise<FollowUpPriority[]> {
  let pending = known.get(s);
  if (!pending) {
    pending = s.io.followUps.list().then((followUps) => {
      const byId = new Map<string, FollowUpPriority>();
      for (const followUp of followUps) {
        if (followUp.priority) byId.set(followUp.priority.id, followUp.priority);
      }
      return [...byId.values()].sort((a, b) => b.rank - a.rank);
    });
    const loading = pending;
    // A failed read is not remembered, so the next call can try again.
    loading.catch(() => {
      if (known.get(s) === loading) known.delete(s);
    });
    known.set(s, loading);
  }
  return pending;
}

/** Shaped like an incident.io ID: a ULID. */
const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The ID of the priority named (any case) or given by ID. */
export async function followUpPriorityId(s: OpsSession, nameOrId: string): Promise<string> {
  const wanted = nameOrId.trim();
  const priorities = await followUpPriorities(s);
  const found = findNamed(priorities, wanted);
  if (found) return found.id;
  // A priority no follow-up carries yet can still be given by its ID; incident.io checks it.
  if (ID.test(wanted)) return wanted;
  throw invalidArgument(
    `unknown follow-up priority ${JSON.stringify(wanted)}`,
    priorities.length > 0
      ? `use one of: ${priorities.map((priority) => priority.name).join(", ")}`
      : "no follow-up carries a priority yet, so none is known by name (the API does not list them); give the priority's ID from incident.io's settings",
  );
}
