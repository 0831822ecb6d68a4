import type { Action, FollowUp } from "../api/index.js";
import type { ConnectedIssue, CreatedFollowUp } from "./follow-ups.js";
import type { IncidentName } from "./work-items.js";

/** What a follow-up or action write did, in one line: every face says whether it made or found the record. */

export function followUpCreatedText({ followUp, created, incident }: CreatedFollowUp): string {
  return created
    ? `Follow-up added to ${incident.reference}: "${followUp.title}" (${followUp.id})`
    : `Already on ${incident.reference}: "${followUp.title}" (${followUp.id}, ${followUp.status}); nothing new was added`;
}

export function actionCreatedText(result: {
  action: Action;
  created: boolean;
  incident: IncidentName;
}): string {
  const { action, created, incident } = result;
  return created
    ? `Action added to ${incident.reference}: "${action.description}" (${action.id})`
    : `Already on ${incident.reference}: "${action.description}" (${action.id}, ${action.status}); nothing new was added`;
}

export function issueConnectedText({ followUp, connected }: ConnectedIssue): string {
  const issue = followUp.external_issue_reference;
  const named = issue ? `${issue.issue_name} (${issue.issue_permalink})` : "the issue";
  return connected
    ? `Follow-up ${followUp.id} is now tracked as ${named}`
    : `Follow-up ${followUp.id} was already tracked as ${named}; nothing changed`;
}

/** `FollowUp` or `Action` updated, in one line. */
export function workUpdatedText(kind: "Follow-up" | "Action", item: FollowUp | Action): string {
  const assignee = item.assignee ? `, assigned to ${item.assignee.name}` : ", unassigned";
  return `${kind} ${item.id} updated: ${item.status}${assignee}`;
}
