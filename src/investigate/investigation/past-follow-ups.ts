import type { FollowUp } from "../../api/index.js";
import type { OpsSession } from "../../ops/session.js";
import type { PastFollowUp, PastFollowUps, SimilarFollowUps } from "../report.js";
import type { SimilarIncident } from "../similar/index.js";
import { httpLink } from "./evidence.js";

/** The similar incidents whose follow-ups are read: one request each, so an investigation asks for at most five. */
export const MAX_INCIDENTS = 5;
/** The follow-ups kept per incident: the open ones first, so the ones still to do are never the ones cut. */
export const MAX_PER_INCIDENT = 8;

export interface PastFollowUpsRead {
  /** As the report keeps them. */
  read: PastFollowUps;
  /** Why, for each similar incident whose follow-ups could not be read. */
  warnings: string[];
}

/**
 * "Last time this happened, these were the follow-ups": the follow-ups of the best similar incidents, read from
 * incident.io with the incident's account, one incident after another. A failure to read them is a warning, never
 * a failed investigation: the report is made without that incident's follow-ups.
 */
export async function pastFollowUps(
  session: OpsSession,
  similar: readonly SimilarIncident[],
): Promise<PastFollowUpsRead> {
  const found: SimilarFollowUps[] = [];
  const unread: string[] = [];
  const warnings: string[] = [];
  for (const result of similar.slice(0, MAX_INCIDENTS)) {
    const { incident } = result;
    let followUps: FollowUp[];
    try {
      followUps = await session.io.followUps.list({ incident_id: incident.id });
    } catch (error) {
      warnings.push(
        `the follow-ups of ${incident.reference} could not be read, so they are not listed: ${error instanceof Error ? error.message : String(error)}`,
      );
      unread.push(incident.reference);
      continue;
    }
    // The list is of this incident's alone; anything else is dropped rather than shown under the wrong incident.
    const own = followUps.filter(
      (followUp) => followUp.incident_id === incident.id && followUp.status !== "deleted",
    );
    if (own.length === 0) continue;
    found.push({
      incidentId: incident.id,
      reference: incident.reference,
      name: incident.name,
      permalink: httpLink(incident.permalink),
      followUps: [...own].sort(byUrgency).slice(0, MAX_PER_INCIDENT).map(pastFollowUp),
      total: own.length,
      outstanding: own.filter((followUp) => followUp.status === "outstanding").length,
    });
  }
  return { read: { incidents: found, unread }, warnings };
}

/** Open before done, then the more urgent, then the newest; by ID last, so the order is always the same. */
function byUrgency(a: FollowUp, b: FollowUp): number {
  const open = Number(b.status === "outstanding") - Number(a.status === "outstanding");
  if (open !== 0) return open;
  const rank = (b.priority?.rank ?? 0) - (a.priority?.rank ?? 0);
  if (rank !== 0) return rank;
  return b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id);
}

function pastFollowUp(followUp: FollowUp): PastFollowUp {
  const issue = followUp.external_issue_reference;
  return {
    id: followUp.id,
    title: followUp.title,
    status: followUp.status,
    assignee: followUp.assignee?.name ?? followUp.assignee_team?.name ?? null,
    priority: followUp.priority?.name ?? null,
    issue: issue ? { name: issue.issue_name, link: httpLink(issue.issue_permalink) } : null,
  };
}

/** "7 follow-ups from 3 similar incidents; 2 are still open": the line the report's section opens with. */
export function pastFollowUpsHeadline(found: readonly SimilarFollowUps[]): string {
  const total = found.reduce((sum, item) => sum + item.total, 0);
  const open = found.reduce((sum, item) => sum + item.outstanding, 0);
  const incidents = `${found.length} similar incident${found.length === 1 ? "" : "s"}`;
  const still = open === 0 ? "none is still open" : `${open} ${open === 1 ? "is" : "are"} still open`;
  return `Last time this happened: ${total} follow-up${total === 1 ? "" : "s"} from ${incidents}; ${still}.`;
}
