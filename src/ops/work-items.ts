import {
  type Incident,
  IncidentIoApiError,
  IncidentKitError,
  type User,
  type WorkItemIncidentMode,
} from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import type { OpsSession } from "./session.js";

/** What follow-ups and actions share in ops: their statuses, list filters, assignees and incidents by name. */

/** The statuses a follow-up or action can be given; `deleted` belongs to deleting, and deleted work is never listed. */
export const SETTABLE_STATUSES = ["outstanding", "completed", "not_doing"] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export const INCIDENT_MODES: readonly WorkItemIncidentMode[] = [
  "standard",
  "retrospective",
  "test",
  "tutorial",
  "stream",
];

/** The filters both lists take. */
export interface WorkItemQuery {
  /** Only this incident's: ID, INC-123, 123 or its incident.io URL. */
  incident?: string | undefined;
  /** Only these statuses (outstanding, completed, not_doing); default all of them. */
  status?: readonly string[] | undefined;
  /** Only work assigned to this person: ID, email or name. */
  assignee?: string | undefined;
  /** Only work of incidents in this mode; default standard and retrospective incidents, as incident.io lists. */
  mode?: string | undefined;
  /** How many to return, newest first (default 50); `all` returns every match. */
  limit?: number | undefined;
  all?: boolean | undefined;
}

export const DEFAULT_WORK_LIMIT = 50;

/** The incident a work item belongs to, as people name it. */
export interface IncidentName {
  reference: string;
  name: string;
}

export function settableStatus(raw: string, what: string): SettableStatus {
  const wanted = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  const found = SETTABLE_STATUSES.find((status) => status === wanted);
  if (found) return found;
  throw invalidArgument(
    `unknown ${what} status ${JSON.stringify(raw.trim())}`,
    `use one of: ${SETTABLE_STATUSES.join(", ")}${wanted === "deleted" ? " (deleting is not offered here; do it in incident.io)" : ""}`,
  );
}

/** The status an update sends to keep it: incident.io's update needs one, so the current one is sent back. */
export function keptStatus(current: string, what: string): SettableStatus {
  const found = SETTABLE_STATUSES.find((status) => status === current);
  if (found) return found;
  throw invalidArgument(
    `the ${what}'s status "${current}" cannot be kept by an update`,
    `give the status to set as well (one of: ${SETTABLE_STATUSES.join(", ")})`,
  );
}

export function incidentMode(raw: string | undefined): WorkItemIncidentMode | undefined {
  if (raw === undefined) return undefined;
  const found = INCIDENT_MODES.find((mode) => mode === raw.trim().toLowerCase());
  if (found) return found;
  throw invalidArgument(
    `unknown incident mode ${JSON.stringify(raw.trim())}`,
    `use one of: ${INCIDENT_MODES.join(", ")}`,
  );
}

export function checkLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_WORK_LIMIT;
  if (!Number.isInteger(value) || value < 1) {
    throw invalidArgument(
      `limit must be a whole number of 1 or more, got ${value}`,
      "give a limit such as 50",
    );
  }
  return value;
}

/** Text compared as people mean it: case and runs of spaces do not count. */
export function sameText(a: string, b: string): boolean {
  const norm = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();
  return norm(a) === norm(b);
}

export function requiredText(raw: string | undefined, what: string, hint: string): string {
  const text = raw?.trim() ?? "";
  if (text === "") throw invalidArgument(`${what} is empty`, hint);
  return text;
}

/**
 * Which assignees a list filter means: the active user with that ID, email or name; else, for someone since
 * deactivated, the assignees of the listed work that carry it. Unknown to both is an `invalid_argument`.
 */
export async function assigneeFilter(
  s: OpsSession,
  wanted: string,
  assignees: readonly (User | undefined)[],
): Promise<(assignee: User | undefined) => boolean> {
  try {
    const user = await s.lookups.user(wanted);
    return (assignee) => assignee?.id === user.id;
  } catch (error) {
    if (!(error instanceof IncidentKitError) || error.code !== "invalid_argument") throw error;
    const text = wanted.trim();
    const matches = (assignee: User | undefined) =>
      assignee !== undefined &&
      (assignee.id === text ||
        assignee.name === text ||
        (assignee.email !== undefined && assignee.email.toLowerCase() === text.toLowerCase()));
    if (assignees.some(matches)) return matches;
    throw error;
  }
}

/** The user to assign: an active user by ID, email or name. */
export async function assigneeId(s: OpsSession, wanted: string): Promise<string> {
  return (await s.lookups.user(wanted)).id;
}

/** The incident of a query, read to check it exists and to name it. */
export async function queriedIncident(s: OpsSession, ref: string | undefined): Promise<Incident | undefined> {
  return ref === undefined ? undefined : fetchIncident(s, ref);
}

/** The incident's mode as the work-item lists filter it: its own, so a test incident's work is listed too. */
export function listModeOf(incident: Incident): WorkItemIncidentMode | undefined {
  return INCIDENT_MODES.find((mode) => mode === incident.mode);
}

/** Newest first; the API lists oldest first, and a responder reads the latest work first. */
export function newestFirst<T extends { created_at: string; id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) =>
    a.created_at === b.created_at ? b.id.localeCompare(a.id) : b.created_at.localeCompare(a.created_at),
  );
}

/** How many incidents a list names at most: each costs a request; a list's default 50 items never span more. */
const MAX_NAMED_INCIDENTS = 50;
const NAMING_CONCURRENCY = 4;

/**
 * The reference and name of the incidents of `items`, read a few at a time: at most 50 incidents, so a long list
 * costs a bounded number of requests. An incident that cannot be read is left out (the work is shown with its
 * incident's ID); `known` are taken as they are.
 */
export async function incidentNames(
  s: OpsSession,
  items: readonly { incident_id: string }[],
  known: readonly Incident[] = [],
): Promise<Record<string, IncidentName>> {
  const names: Record<string, IncidentName> = {};
  for (const incident of known) names[incident.id] = { reference: incident.reference, name: incident.name };
  const wanted = [...new Set(items.map((item) => item.incident_id))]
    .filter((id) => names[id] === undefined)
    .slice(0, MAX_NAMED_INCIDENTS);
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const id = wanted[next++] as string;
      try {
        const incident = await s.io.incidents.show(id);
        names[id] = { reference: incident.reference, name: incident.name };
      } catch {
        // A name is a courtesy: the work listed is the answer, shown with its incident's ID instead.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(NAMING_CONCURRENCY, wanted.length) }, worker));
  return names;
}

/** A work item as listing reads it: its incident, status, assignee and creation. */
interface ListedWork {
  id: string;
  incident_id: string;
  status: string;
  created_at: string;
  assignee?: User | undefined;
}

/** A page of work items, newest first, with how many matched and their incidents by name. */
export interface WorkList<T> {
  items: T[];
  /** Every match; more than `items` holds when the limit cut the list. */
  total: number;
  /** By incident ID, for the incidents of `items` that could be read (at most 50). */
  incidents: Record<string, IncidentName>;
}

/**
 * Follow-ups or actions of one incident or of all of them, filtered by status, assignee and incident mode.
 * incident.io returns every match at once (these lists are not paged), so the filters it lacks apply here.
 */
export async function listWork<T extends ListedWork>(
  s: OpsSession,
  query: WorkItemQuery,
  what: "follow-up" | "action",
  fetch: (filter: { incident_id?: string; incident_mode?: WorkItemIncidentMode }) => Promise<T[]>,
): Promise<WorkList<T>> {
  const statuses = query.status?.map((status) => settableStatus(status, what));
  const mode = incidentMode(query.mode);
  const limit = checkLimit(query.limit);
  const incident = await queriedIncident(s, query.incident);
  const listMode = mode ?? (incident ? listModeOf(incident) : undefined);
  const all = await fetch({
    ...(incident ? { incident_id: incident.id } : {}),
    ...(listMode ? { incident_mode: listMode } : {}),
  });
  const assignee =
    query.assignee === undefined
      ? undefined
      : await assigneeFilter(
          s,
          query.assignee,
          all.map((item) => item.assignee),
        );
  const matching = newestFirst(
    all.filter(
      (item) =>
        (statuses === undefined || statuses.some((status) => status === item.status)) &&
        (assignee === undefined || assignee(item.assignee)),
    ),
  );
  const items = query.all ? matching : matching.slice(0, limit);
  return {
    items,
    total: matching.length,
    incidents: await incidentNames(s, items, incident ? [incident] : []),
  };
}

/** A work item's incident by name, when it can be read (for showing one item). */
export async function withIncidentName<T extends { incident_id: string }>(
  s: OpsSession,
  item: T,
): Promise<{ incident?: IncidentName }> {
  const incident = (await incidentNames(s, [item]))[item.incident_id];
  return incident ? { incident } : {};
}

/** A 404 for a follow-up or action, with a hint saying where its ID comes from. */
export function rehintNotFound(error: unknown, kind: "follow-up" | "action"): unknown {
  if (error instanceof IncidentIoApiError && error.status === 404) {
    return error.withHint(
      `give the ID of a ${kind} as its list shows it (${kind === "follow-up" ? "followups list" : "actions list"} in the CLI, ${kind === "follow-up" ? "list_follow_ups" : "list_actions"} over MCP)`,
    );
  }
  return error;
}
