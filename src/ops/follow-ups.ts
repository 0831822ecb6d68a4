import type { FollowUp, FollowUpsCreatePayload, FollowUpsUpdatePayload } from "../api/index.js";
import { followUpPriorityId } from "./follow-up-priorities.js";
import { fetchIncident } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { issueProvider, issueUrl } from "./issue-provider.js";
import { KeyedMutex } from "./keyed-mutex.js";
import type { OpsSession } from "./session.js";
import {
  assigneeId,
  type IncidentName,
  keptStatus,
  listModeOf,
  listWork,
  rehintNotFound,
  requiredText,
  sameText,
  settableStatus,
  type WorkItemQuery,
  withIncidentName,
} from "./work-items.js";

/** A page of follow-ups, newest first, with how many matched and the incidents they belong to by name. */
export interface FollowUpList {
  followUps: FollowUp[];
  /** Every match; more than `followUps` holds when the limit cut the list. */
  total: number;
  /** By incident ID, for the incidents of `followUps` that could be read (at most 50). */
  incidents: Record<string, IncidentName>;
}

/** Follow-ups of one incident or of all of them, newest first, filtered by status, assignee and incident mode. */
export async function listFollowUps(s: OpsSession, query: WorkItemQuery = {}): Promise<FollowUpList> {
  const { items, ...rest } = await listWork(s, query, "follow-up", (filter) => s.io.followUps.list(filter));
  return { followUps: items, ...rest };
}

/** One follow-up by ID, with its incident by name when it can be read. */
export async function getFollowUp(
  s: OpsSession,
  id: string,
): Promise<{ followUp: FollowUp; incident?: IncidentName }> {
  const followUp = await showFollowUp(s, id);
  return { followUp, ...(await withIncidentName(s, followUp)) };
}

export interface FollowUpInput {
  title: string;
  /** Markdown. */
  description?: string | undefined;
  /** Who should do it: ID, email or name. */
  assignee?: string | undefined;
  /** By name (e.g. "High") or ID. */
  priority?: string | undefined;
  labels?: readonly string[] | undefined;
}

/** A follow-up made by this call (`created`), or found: the incident already had one of that title. */
export interface CreatedFollowUp {
  followUp: FollowUp;
  created: boolean;
  incident: IncidentName;
}

/** One creator per incident and title at a time within this process, so two calls at once make one. */
const creators = new KeyedMutex();

/**
 * Adds a follow-up to an incident, once: incident.io's create takes no idempotency key, so a follow-up of the
 * same title (ignoring case and spacing) on the same incident is the one this input made before, and is returned
 * as found with nothing written. Its other fields are left as they are: change them with `updateFollowUp`.
 */
export async function createFollowUp(
  s: OpsSession,
  ref: string,
  input: FollowUpInput,
): Promise<CreatedFollowUp> {
  const title = requiredText(input.title, "the follow-up's title", "say what needs doing, in a short title");
  const labels = (input.labels ?? []).map((label) => label.trim()).filter((label) => label !== "");
  const [incident, assignee, priority] = await Promise.all([
    fetchIncident(s, ref),
    input.assignee === undefined ? undefined : assigneeId(s, input.assignee),
    input.priority === undefined ? undefined : followUpPriorityId(s, input.priority),
  ]);
  const name = { reference: incident.reference, name: incident.name };
  return creators.run(`${s.alias}\u0000${incident.id}\u0000${title.toLowerCase()}`, async () => {
    const mode = listModeOf(incident);
    const existing = await s.io.followUps.list({
      incident_id: incident.id,
      ...(mode ? { incident_mode: mode } : {}),
    });
    const found = existing.find((followUp) => sameText(followUp.title, title));
    if (found) return { followUp: found, created: false, incident: name };
    const description = input.description?.trim();
    const body: FollowUpsCreatePayload = {
      incident_id: incident.id,
      title,
      ...(description ? { description } : {}),
      ...(assignee ? { assignee_id: assignee } : {}),
      ...(priority ? { follow_up_priority_option_id: priority } : {}),
      ...(labels.length > 0 ? { labels } : {}),
    };
    return { followUp: (await s.io.followUps.create(body)).follow_up, created: true, incident: name };
  });
}

export interface FollowUpChanges {
  title?: string | undefined;
  /** outstanding, completed or not_doing. */
  status?: string | undefined;
  /** Markdown; replaces the description. */
  description?: string | undefined;
  /** ID, email or name; null unassigns. */
  assignee?: string | null | undefined;
  /** By name or ID. */
  priority?: string | undefined;
  labels?: readonly string[] | undefined;
}

/** Changes what is given and keeps the rest (incident.io's update needs the title and status: the current ones). */
export async function updateFollowUp(s: OpsSession, id: string, changes: FollowUpChanges): Promise<FollowUp> {
  const given = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (given.length === 0) {
    throw invalidArgument(
      "nothing to change",
      "give at least one of title, status, description, assignee, priority or labels",
    );
  }
  const title =
    changes.title === undefined
      ? undefined
      : requiredText(changes.title, "the follow-up's title", "give a title, or leave it out to keep it");
  const status = changes.status === undefined ? undefined : settableStatus(changes.status, "follow-up");
  const [current, assignee, priority] = await Promise.all([
    showFollowUp(s, id),
    changes.assignee === undefined || changes.assignee === null
      ? changes.assignee
      : assigneeId(s, changes.assignee),
    changes.priority === undefined ? undefined : followUpPriorityId(s, changes.priority),
  ]);
  const body: FollowUpsUpdatePayload = {
    title: title ?? current.title,
    status: status ?? keptStatus(current.status, "follow-up"),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
    ...(assignee !== undefined ? { assignee_id: assignee } : {}),
    ...(priority !== undefined ? { follow_up_priority_option_id: priority } : {}),
    ...(changes.labels !== undefined ? { labels: changes.labels.map((label) => label.trim()) } : {}),
  };
  try {
    return (await s.io.followUps.update(current.id, body)).follow_up;
  } catch (error) {
    throw rehintNotFound(error, "follow-up");
  }
}

/** Whether the issue was connected by this call, or the follow-up was already connected to it. */
export interface ConnectedIssue {
  followUp: FollowUp;
  connected: boolean;
}

/**
 * Connects the follow-up to an issue by its link; the tracker is told from the address (Jira Cloud, Linear,
 * GitHub…) unless `provider` names it. Connecting it to the issue it is already connected to changes nothing; a
 * follow-up connected to another issue is refused, as incident.io connects a follow-up to one issue only.
 */
export async function connectFollowUpIssue(
  s: OpsSession,
  id: string,
  link: string,
  options: { provider?: string | undefined } = {},
): Promise<ConnectedIssue> {
  const url = issueUrl(link);
  const provider = issueProvider(url, options.provider);
  const current = await showFollowUp(s, id);
  const existing = current.external_issue_reference;
  if (existing) {
    if (sameIssue(existing.issue_permalink, url)) return { followUp: current, connected: false };
    throw invalidArgument(
      `follow-up ${current.id} is already connected to ${existing.issue_name} (${existing.issue_permalink})`,
      "a follow-up connects to one issue only: disconnect that one in incident.io first, or follow that issue instead",
    );
  }
  const followUp = (await s.io.followUps.connectExternalIssue(current.id, { provider, url: url.toString() }))
    .follow_up;
  return { followUp, connected: true };
}

function sameIssue(permalink: string, url: URL): boolean {
  try {
    const known = new URL(permalink);
    const strip = (u: URL) => `${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, "")}`;
    return strip(known) === strip(url);
  } catch {
    return false;
  }
}

async function showFollowUp(s: OpsSession, id: string): Promise<FollowUp> {
  const wanted = requiredText(id, "the follow-up's ID", "give the ID of a follow-up as its list shows it");
  try {
    return await s.io.followUps.show(wanted);
  } catch (error) {
    throw rehintNotFound(error, "follow-up");
  }
}
