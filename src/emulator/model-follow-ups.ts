import type { ActorRef } from "./model.js";

/**
 * Stored records for the work an incident leaves behind: actions (the to-dos of the response itself) and
 * follow-ups (work for after it, often tracked in an issue tracker), and the priorities follow-ups can carry.
 */

/** `FollowUpV2.status` and `ActionV2.status`. `deleted` is only ever set by the delete operation. */
export const WORK_ITEM_STATUSES = ["outstanding", "completed", "deleted", "not_doing"] as const;
export type WorkItemStatus = (typeof WORK_ITEM_STATUSES)[number];

/** `ExternalIssueReferenceV2.provider`: the issue trackers a follow-up can be connected to. */
export const ISSUE_PROVIDERS = [
  "asana",
  "azure_devops",
  "click_up",
  "linear",
  "jira",
  "jira_server",
  "github",
  "gitlab",
  "service_now",
  "shortcut",
  "notion",
] as const;
export type IssueProvider = (typeof ISSUE_PROVIDERS)[number];

export interface ExternalIssueRecord {
  provider: IssueProvider;
  /** Human readable, e.g. `PAY-123`. */
  issue_name: string;
  issue_permalink: string;
}

/** One of the organisation's follow-up priorities (`FollowUpPriorityV2`); higher rank is more urgent. */
export interface FollowUpPriorityRecord {
  id: string;
  name: string;
  description?: string;
  rank: number;
}

export interface FollowUpRecord {
  id: string;
  incident_id: string;
  title: string;
  description?: string;
  status: WorkItemStatus;
  labels: string[];
  creator: ActorRef;
  assignee_user_id?: string;
  /** A team: an entry of the catalog's team type. */
  assignee_team_id?: string;
  priority_id?: string;
  /** Kept as given: the API neither lists follow-up categories nor shows a follow-up's. */
  category_id?: string;
  external_issue?: ExternalIssueRecord;
  completed_at?: string;
  created_at: string;
  updated_at: string;
}

export interface ActionRecord {
  id: string;
  incident_id: string;
  description: string;
  status: WorkItemStatus;
  creator: ActorRef;
  assignee_user_id?: string;
  completed_at?: string;
  created_at: string;
  updated_at: string;
}
