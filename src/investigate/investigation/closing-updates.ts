import type { IncidentUpdate } from "../../api/index.js";
import type { OpsSession } from "../../ops/session.js";
import type { SimilarIncident } from "../similar/index.js";

/** The status categories of a resolved incident, as the mirror counts them (see `mirror/resolved-at.ts`). */
const RESOLVED_CATEGORIES: ReadonlySet<string> = new Set(["learning", "closed"]);

/**
 * The closing update of each resolved similar incident that has no cause or fix field: the message of the update
 * that moved it into a resolved status, when that update has one. It is how such an incident says it was
 * resolved. Its updates are read from incident.io (the mirror keeps none), one incident after another, so an
 * investigation asks for at most as many as it lists. By incident ID; an incident whose updates could not be read
 * is left out and `onWarning` told.
 */
export async function closingUpdates(
  session: OpsSession,
  similar: readonly SimilarIncident[],
  onWarning?: (message: string) => void,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const result of similar) {
    if (result.resolution.resolvedAt === null || result.resolution.notes.length > 0) continue;
    try {
      const updates: IncidentUpdate[] = [];
      for await (const update of session.io.incidentUpdates.list({ incidentId: result.incident.id })) {
        updates.push(update);
      }
      const message = closingMessage(updates);
      if (message !== undefined) found.set(result.incident.id, message);
    } catch (error) {
      onWarning?.(
        `the updates of ${result.incident.reference} could not be read, so how it was resolved is not shown: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return found;
}

/**
 * The message of the first update, oldest first, that moved the incident into a resolved status. incident.io lists
 * updates newest first, so of two made in the same instant the later in the list is the older.
 */
export function closingMessage(updates: readonly IncidentUpdate[]): string | undefined {
  const closing = updates
    .map((update, index) => ({ update, index }))
    .sort((a, b) => a.update.created_at.localeCompare(b.update.created_at) || b.index - a.index)
    .map(({ update }) => update)
    .find((update) => RESOLVED_CATEGORIES.has(update.new_incident_status.category));
  const message = closing?.message?.trim();
  return message ? message : undefined;
}
