import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { newId } from "../shared/ids.js";
import { validationError } from "./errors.js";
import type { WriteContext } from "./incident-writes.js";
import { issueNameFromUrl } from "./issue-name.js";
import { type FollowUpRecord, ISSUE_PROVIDERS } from "./model-follow-ups.js";
import type { EmulatorState } from "./state.js";
import { teamEntry } from "./teams.js";
import { assignableUser, completedAt, incidentFor, settableStatus } from "./work-items.js";

/** FollowUpsCreatePayloadV2. */
export const createFollowUpPayload = z.object({
  incident_id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  assignee_id: z.string().optional(),
  assignee_team_id: z.string().optional(),
  follow_up_category_id: z.string().optional(),
  follow_up_priority_option_id: z.string().optional(),
  external_issue_reference_id: z.string().optional(),
  labels: z.array(z.string()).optional(),
});

/** FollowUpsUpdatePayloadV2: title and status always; the rest only when given ("null to unassign"). */
export const updateFollowUpPayload = z.object({
  title: z.string(),
  status: settableStatus,
  description: z.string().optional(),
  assignee_id: z.string().nullable().optional(),
  assignee_team_id: z.string().nullable().optional(),
  follow_up_category_id: z.string().optional(),
  follow_up_priority_option_id: z.string().optional(),
  labels: z.array(z.string()).optional(),
});

/** FollowUpsConnectExternalIssuePayloadV2. */
export const connectIssuePayload = z.object({ provider: z.enum(ISSUE_PROVIDERS), url: z.string() });

type Create = z.infer<typeof createFollowUpPayload>;
type Update = z.infer<typeof updateFollowUpPayload>;

export function createFollowUp(ctx: WriteContext, input: Create): FollowUpRecord {
  const { state } = ctx;
  const incident = incidentFor(state, ctx.apiKey, input.incident_id, "incident_id");
  if (input.external_issue_reference_id !== undefined) {
    // Issues become known to incident.io by being connected; the emulator has none to link by ID.
    throw validationError(
      "external_issue_reference_id",
      `There is no external issue with ID "${input.external_issue_reference_id}"; create the follow-up without it, then connect the issue by URL with POST /v2/follow_ups/{id}/actions/connect_external_issue.`,
    );
  }
  const at = new Date(ctx.now).toISOString();
  const followUp: FollowUpRecord = {
    id: newId(ctx.now),
    incident_id: incident.id,
    title: title(input.title),
    ...optionalText(input.description),
    status: "outstanding",
    labels: labels(input.labels ?? []),
    creator: { api_key_id: ctx.apiKey.id },
    ...assignees(state, input.assignee_id, input.assignee_team_id),
    ...priority(state, input.follow_up_priority_option_id),
    ...category(input.follow_up_category_id),
    created_at: at,
    updated_at: at,
  };
  state.commit([{ collection: "follow_ups", id: followUp.id, record: followUp }]);
  return followUp;
}

/** Applies an update; nothing is written (updated_at included) when every value given was already set. */
export function updateFollowUp(ctx: WriteContext, existing: FollowUpRecord, input: Update): FollowUpRecord {
  const { state } = ctx;
  const at = new Date(ctx.now).toISOString();
  const {
    description: _description,
    assignee_user_id,
    assignee_team_id,
    priority_id,
    category_id,
    completed_at: _completed,
    ...kept
  } = existing;
  const next: FollowUpRecord = {
    ...kept,
    title: title(input.title),
    status: input.status,
    ...(input.description !== undefined
      ? optionalText(input.description)
      : optionalText(existing.description)),
    labels: input.labels !== undefined ? labels(input.labels) : existing.labels,
    ...assignees(
      state,
      input.assignee_id === undefined ? assignee_user_id : (input.assignee_id ?? undefined),
      input.assignee_team_id === undefined ? assignee_team_id : (input.assignee_team_id ?? undefined),
      {
        userUnchanged: input.assignee_id === undefined || input.assignee_id === assignee_user_id,
        teamUnchanged: input.assignee_team_id === undefined || input.assignee_team_id === assignee_team_id,
      },
    ),
    ...(input.follow_up_priority_option_id !== undefined
      ? priority(state, input.follow_up_priority_option_id)
      : priority_id
        ? { priority_id }
        : {}),
    ...category(input.follow_up_category_id ?? category_id),
    ...completedAt(existing, input.status, at),
    updated_at: at,
  };
  if (isDeepStrictEqual({ ...next, updated_at: existing.updated_at }, existing)) return existing;
  state.commit([{ collection: "follow_ups", id: next.id, record: next }]);
  return next;
}

/** Deleting keeps the record with status `deleted`; the API no longer shows it. */
export function deleteFollowUp(ctx: WriteContext, existing: FollowUpRecord): void {
  const next: FollowUpRecord = {
    ...existing,
    status: "deleted",
    updated_at: new Date(ctx.now).toISOString(),
  };
  ctx.state.commit([{ collection: "follow_ups", id: next.id, record: next }]);
}

/** Connects an issue by URL. A follow-up already connected to one is refused, as the description says. */
export function connectExternalIssue(
  ctx: WriteContext,
  existing: FollowUpRecord,
  input: z.infer<typeof connectIssuePayload>,
): FollowUpRecord {
  if (existing.external_issue) {
    throw validationError(
      "url",
      `This follow-up is already connected to ${existing.external_issue.issue_name} (${existing.external_issue.issue_permalink}); a follow-up connects to one issue only.`,
    );
  }
  const url = httpUrl(input.url);
  const next: FollowUpRecord = {
    ...existing,
    external_issue: {
      provider: input.provider,
      issue_name: issueNameFromUrl(input.provider, url),
      issue_permalink: url.toString(),
    },
    updated_at: new Date(ctx.now).toISOString(),
  };
  ctx.state.commit([{ collection: "follow_ups", id: next.id, record: next }]);
  return next;
}

function httpUrl(raw: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw validationError(
      "url",
      `url must be the http(s) address of the issue, e.g. https://acme.atlassian.net/browse/PAY-123 (got ${JSON.stringify(raw)}).`,
    );
  }
  return url;
}

function title(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === "") throw validationError("title", "title must not be empty; say what needs doing.");
  return trimmed;
}

/** An empty description is no description. */
function optionalText(raw: string | undefined): { description?: string } {
  return raw === undefined || raw.trim() === "" ? {} : { description: raw };
}

function labels(raw: readonly string[]): string[] {
  const out: string[] = [];
  raw.forEach((label, i) => {
    const trimmed = label.trim();
    if (trimmed === "")
      throw validationError(`labels.${i}`, "A label must not be empty; leave it out instead.");
    if (!out.includes(trimmed)) out.push(trimmed);
  });
  return out;
}

/**
 * The assignee user and team. On update an unchanged assignee is kept even if since deactivated or archived:
 * only newly given ones are checked.
 */
function assignees(
  state: EmulatorState,
  userId: string | undefined,
  teamId: string | undefined,
  unchanged: { userUnchanged: boolean; teamUnchanged: boolean } = {
    userUnchanged: false,
    teamUnchanged: false,
  },
): { assignee_user_id?: string; assignee_team_id?: string } {
  const out: { assignee_user_id?: string; assignee_team_id?: string } = {};
  if (userId !== undefined) {
    out.assignee_user_id = unchanged.userUnchanged ? userId : assignableUser(state, userId, "assignee_id").id;
  }
  if (teamId !== undefined) {
    if (!unchanged.teamUnchanged && !teamEntry(state, teamId)) {
      throw validationError(
        "assignee_team_id",
        `There is no team with ID "${teamId}"; give the ID of an entry of the catalog's Team type.`,
      );
    }
    out.assignee_team_id = teamId;
  }
  return out;
}

function priority(state: EmulatorState, id: string | undefined): { priority_id?: string } {
  if (id === undefined) return {};
  if (!state.get("follow_up_priorities", id)) {
    const known = state
      .list("follow_up_priorities")
      .sort((a, b) => b.rank - a.rank)
      .map((p) => `${p.name} (${p.id})`);
    throw validationError(
      "follow_up_priority_option_id",
      known.length > 0
        ? `There is no follow-up priority with ID "${id}"; the organisation's are: ${known.join(", ")}.`
        : `There is no follow-up priority with ID "${id}": this organisation has none configured.`,
    );
  }
  return { priority_id: id };
}

function category(id: string | undefined): { category_id?: string } {
  return id === undefined || id === "" ? {} : { category_id: id };
}
