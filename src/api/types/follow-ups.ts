import { z } from "zod";
import { Actor, User } from "./common.js";
import { openEnum } from "./open-enum.js";

/** `FollowUpV2.status` and `ActionV2.status`. `deleted` is set only by deleting. */
export const WORK_ITEM_STATUSES = ["outstanding", "completed", "deleted", "not_doing"] as const;
export type WorkItemStatus = (typeof WORK_ITEM_STATUSES)[number];

/** The issue trackers incident.io connects follow-ups to (`ExternalIssueReferenceV2.provider`). */
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

/** `ExternalIssueReferenceV2`: the issue a follow-up is tracked as, e.g. `PAY-123`. */
export const ExternalIssueReference = z.looseObject({
  provider: openEnum(ISSUE_PROVIDERS),
  issue_name: z.string(),
  issue_permalink: z.string(),
});
export type ExternalIssueReference = z.infer<typeof ExternalIssueReference>;

/** `FollowUpPriorityV2`: higher rank is more urgent. */
export const FollowUpPriority = z.looseObject({
  id: z.string(),
  name: z.string(),
  rank: z.number(),
  description: z.string().optional(),
});
export type FollowUpPriority = z.infer<typeof FollowUpPriority>;

/** `TeamSlimV2`. */
export const TeamSlim = z.looseObject({ id: z.string(), name: z.string() });
export type TeamSlim = z.infer<typeof TeamSlim>;

/** `FollowUpV2`: work for after an incident, often tracked in an issue tracker. */
export const FollowUp = z.looseObject({
  id: z.string(),
  incident_id: z.string(),
  title: z.string(),
  status: openEnum(WORK_ITEM_STATUSES),
  labels: z.array(z.string()),
  creator: Actor,
  created_at: z.string(),
  updated_at: z.string(),
  description: z.string().optional(),
  assignee: User.optional(),
  assignee_team: TeamSlim.optional(),
  completed_at: z.string().optional(),
  external_issue_reference: ExternalIssueReference.optional(),
  priority: FollowUpPriority.optional(),
});
export type FollowUp = z.infer<typeof FollowUp>;

/** `ActionV2`: a to-do of the response itself ("restart the database"). */
export const Action = z.looseObject({
  id: z.string(),
  incident_id: z.string(),
  description: z.string(),
  status: openEnum(WORK_ITEM_STATUSES),
  creator: Actor,
  created_at: z.string(),
  updated_at: z.string(),
  assignee: User.optional(),
  completed_at: z.string().optional(),
});
export type Action = z.infer<typeof Action>;

export const FollowUpResult = z.looseObject({ follow_up: FollowUp });
export const FollowUpsListResult = z.looseObject({ follow_ups: z.array(FollowUp) });
export const ActionResult = z.looseObject({ action: Action });
export const ActionsListResult = z.looseObject({ actions: z.array(Action) });
