import {
  ESCALATION_STATUSES,
  ESCALATIONS_MAX_PAGE_SIZE,
  type Escalation,
  type EscalationStatus,
} from "../api/index.js";
import { incidentIdOf } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { escalationPathNamed } from "./oncall-directory.js";
import { type Page, readPages } from "./pages.js";
import type { OpsSession } from "./session.js";

export interface EscalationsQuery {
  /** Only these statuses (triggered, acked, cancelled, expired, …). */
  status?: readonly string[] | undefined;
  /** Only pages sent through this escalation path, by name or ID. */
  path?: string | undefined;
  /** Only pages about this incident: ID, INC-123 or URL. */
  incident?: string | undefined;
}

function statuses(given: readonly string[]): EscalationStatus[] {
  return given.map((raw) => {
    const status = raw.trim().toLowerCase();
    if (!(ESCALATION_STATUSES as readonly string[]).includes(status)) {
      throw invalidArgument(
        `unknown escalation status ${JSON.stringify(raw)}`,
        `use one of: ${ESCALATION_STATUSES.join(", ")}`,
      );
    }
    return status as EscalationStatus;
  });
}

/** Pages sent, newest first, filtered by status, path and incident. */
export async function listEscalations(
  s: OpsSession,
  query: EscalationsQuery = {},
  page?: Page,
): Promise<{ escalations: Escalation[]; nextCursor?: string }> {
  const [path, incidentId] = await Promise.all([
    query.path === undefined ? undefined : escalationPathNamed(s, query.path),
    query.incident === undefined ? undefined : incidentIdOf(s, query.incident),
  ]);
  const filter = {
    ...(query.status && query.status.length > 0 ? { status: { one_of: statuses(query.status) } } : {}),
    ...(path ? { escalation_path: { one_of: [path.id] } } : {}),
    ...(incidentId ? { incident: { one_of: [incidentId] } } : {}),
  };
  const read = await readPages(async (after, pageSize) => {
    const result = await s.io.escalations.listPage(filter, {
      pageSize: Math.min(pageSize, ESCALATIONS_MAX_PAGE_SIZE),
      after,
    });
    return { items: result.escalations, after: result.paginationMeta.after };
  }, page);
  return {
    escalations: read.items,
    ...(read.nextCursor !== undefined ? { nextCursor: read.nextCursor } : {}),
  };
}

/** One page by its ID, where it has got to. */
export async function getEscalation(s: OpsSession, id: string): Promise<Escalation> {
  return s.io.escalations.show(id.trim());
}

/**
 * Stops a page and answers it as it now stands. Cancelling a cancelled page changes nothing; an expired or
 * resolved one is refused by incident.io (nothing is left to stop).
 */
export async function cancelEscalation(s: OpsSession, id: string): Promise<Escalation> {
  await s.io.escalations.cancel(id.trim());
  return s.io.escalations.show(id.trim());
}

/** Who has been paged so far, by name, in order. */
export function notifiedNames(escalation: Escalation): string[] {
  const names = escalation.events.flatMap((event) =>
    event.event === "notified_users" ? (event.users ?? []).map((user) => user.name) : [],
  );
  return [...new Set(names)];
}

/** Who acknowledged, if anyone. */
export function acknowledgedBy(escalation: Escalation): string | undefined {
  return escalation.events.find((event) => event.event === "acked")?.users?.[0]?.name;
}
