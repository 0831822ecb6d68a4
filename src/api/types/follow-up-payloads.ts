/** Request bodies for follow-ups and actions, as incident.io names them. */

import type { IssueProvider } from "./follow-ups.js";

/** `incident_mode` in the follow-up and action lists: without it, standard and retrospective incidents only. */
export type WorkItemIncidentMode = "standard" | "retrospective" | "test" | "tutorial" | "stream";

/** `FollowUpsCreatePayloadV2`. */
export interface FollowUpsCreatePayload {
  incident_id: string;
  title: string;
  /** Markdown. */
  description?: string;
  assignee_id?: string;
  assignee_team_id?: string;
  follow_up_category_id?: string;
  follow_up_priority_option_id?: string;
  /** An issue incident.io already knows by ID; to link one by URL, use `connectExternalIssue`. */
  external_issue_reference_id?: string;
  labels?: string[];
}

/**
 * `FollowUpsUpdatePayloadV2`: `title` and `status` always (send the current ones to keep them); the rest change
 * only when given. `null` unassigns, as the description says, though its schema types these as plain strings.
 */
export interface FollowUpsUpdatePayload {
  title: string;
  /** `deleted` is refused: delete the follow-up instead. */
  status: "outstanding" | "completed" | "not_doing";
  description?: string;
  assignee_id?: string | null;
  assignee_team_id?: string | null;
  follow_up_category_id?: string;
  follow_up_priority_option_id?: string;
  labels?: string[];
}

/** `FollowUpsConnectExternalIssuePayloadV2`. */
export interface FollowUpsConnectExternalIssuePayload {
  provider: IssueProvider;
  /** The issue's address, e.g. https://acme.atlassian.net/browse/PAY-123. */
  url: string;
}

/** `ActionsCreatePayloadV2`. */
export interface ActionsCreatePayload {
  incident_id: string;
  /** Markdown. */
  description: string;
  assignee_id?: string;
}

/** `ActionsUpdatePayloadV2`: `description` and `status` always; `assignee_id: null` unassigns. */
export interface ActionsUpdatePayload {
  description: string;
  status: "outstanding" | "completed" | "not_doing";
  assignee_id?: string | null;
}
