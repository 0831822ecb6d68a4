import { z } from "zod";
import type { Action, FollowUp } from "../../api/index.js";
import type { IncidentName } from "../../ops/index.js";

/** Follow-ups and actions as tools return them: flat, named, without incident.io's nesting. */

export const FollowUpView = z.object({
  id: z.string(),
  incident_id: z.string(),
  incident: z
    .string()
    .optional()
    .describe('The incident\'s reference, e.g. "INC-123", when it could be read'),
  title: z.string(),
  status: z.string().describe("outstanding, completed or not_doing"),
  description: z.string().optional(),
  assignee: z.string().optional().describe("The person's name"),
  assignee_email: z.string().optional(),
  team: z.string().optional().describe("The team it is assigned to"),
  priority: z.string().optional(),
  labels: z.array(z.string()),
  issue: z
    .object({ provider: z.string(), name: z.string().describe('e.g. "PAY-123"'), url: z.string() })
    .optional()
    .describe("The issue it is tracked as"),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().optional(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

export function followUpView(followUp: FollowUp, incident?: IncidentName): FollowUpView {
  const issue = followUp.external_issue_reference;
  return {
    id: followUp.id,
    incident_id: followUp.incident_id,
    ...(incident ? { incident: incident.reference } : {}),
    title: followUp.title,
    status: followUp.status,
    ...(followUp.description ? { description: followUp.description } : {}),
    ...(followUp.assignee ? { assignee: followUp.assignee.name } : {}),
    ...(followUp.assignee?.email ? { assignee_email: followUp.assignee.email } : {}),
    ...(followUp.assignee_team ? { team: followUp.assignee_team.name } : {}),
    ...(followUp.priority ? { priority: followUp.priority.name } : {}),
    labels: followUp.labels,
    ...(issue
      ? { issue: { provider: issue.provider, name: issue.issue_name, url: issue.issue_permalink } }
      : {}),
    created_at: followUp.created_at,
    updated_at: followUp.updated_at,
    ...(followUp.completed_at ? { completed_at: followUp.completed_at } : {}),
  };
}

export const ActionView = z.object({
  id: z.string(),
  incident_id: z.string(),
  incident: z
    .string()
    .optional()
    .describe('The incident\'s reference, e.g. "INC-123", when it could be read'),
  description: z.string(),
  status: z.string().describe("outstanding, completed or not_doing"),
  assignee: z.string().optional().describe("The person's name"),
  assignee_email: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  completed_at: z.string().optional(),
});
export type ActionView = z.infer<typeof ActionView>;

export function actionView(action: Action, incident?: IncidentName): ActionView {
  return {
    id: action.id,
    incident_id: action.incident_id,
    ...(incident ? { incident: incident.reference } : {}),
    description: action.description,
    status: action.status,
    ...(action.assignee ? { assignee: action.assignee.name } : {}),
    ...(action.assignee?.email ? { assignee_email: action.assignee.email } : {}),
    created_at: action.created_at,
    updated_at: action.updated_at,
    ...(action.completed_at ? { completed_at: action.completed_at } : {}),
  };
}

export function followUpLine(view: FollowUpView): string {
  const who = view.assignee ?? view.team ?? "unassigned";
  const priority = view.priority ? `, ${view.priority}` : "";
  const issue = view.issue ? `, ${view.issue.name}` : "";
  return `${view.id}  ${view.incident ?? view.incident_id}  [${view.status}${priority} | ${who}${issue}]  ${view.title}`;
}

export function actionLine(view: ActionView): string {
  return `${view.id}  ${view.incident ?? view.incident_id}  [${view.status} | ${view.assignee ?? "unassigned"}]  ${view.description}`;
}
