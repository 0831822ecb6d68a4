import type { Action, FollowUp } from "../../../api/index.js";
import type { IncidentName } from "../../../ops/index.js";
import { relativeTime } from "../../../shared/relative-time.js";
import type { Palette } from "./colour.js";
import type { Output } from "./output.js";

/** Follow-ups and actions on a terminal: open work stands out, finished work recedes. */

function statusColour(status: string, colour: Palette): (text: string) => string {
  if (status === "outstanding") return colour.yellow;
  if (status === "completed") return colour.green;
  return colour.dim;
}

function incidentCell(id: string, incidents: Readonly<Record<string, IncidentName>>): string {
  return incidents[id]?.reference ?? id;
}

export function followUpTable(
  followUps: readonly FollowUp[],
  incidents: Readonly<Record<string, IncidentName>>,
  out: Output,
): string {
  return out.table(
    ["ID", "INCIDENT", "STATUS", "PRIORITY", "ASSIGNEE", "ISSUE", "TITLE", "CREATED"],
    followUps.map((followUp) => [
      followUp.id,
      incidentCell(followUp.incident_id, incidents),
      statusColour(followUp.status, out.colour)(followUp.status),
      followUp.priority?.name ?? "",
      followUp.assignee?.name ?? followUp.assignee_team?.name ?? "",
      followUp.external_issue_reference?.issue_name ?? "",
      followUp.title,
      relativeTime(followUp.created_at, out.now()),
    ]),
    { header: out.colour.bold },
  );
}

export function actionTable(
  actions: readonly Action[],
  incidents: Readonly<Record<string, IncidentName>>,
  out: Output,
): string {
  return out.table(
    ["ID", "INCIDENT", "STATUS", "ASSIGNEE", "DESCRIPTION", "CREATED"],
    actions.map((action) => [
      action.id,
      incidentCell(action.incident_id, incidents),
      statusColour(action.status, out.colour)(action.status),
      action.assignee?.name ?? "",
      action.description,
      relativeTime(action.created_at, out.now()),
    ]),
    { header: out.colour.bold },
  );
}

/** Under a list cut by its limit: how many there were, and how to see the rest. */
export function moreWork(shown: number, total: number, noun: string): string {
  if (shown >= total) return "";
  return `\n\n${shown} of ${total} ${noun} shown, newest first: add --all for every one, or narrow with --incident, --status or --assignee.`;
}

function lines(pairs: ReadonlyArray<[string, string | undefined]>): string[] {
  const present = pairs.filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== "");
  const width = Math.max(...present.map(([label]) => label.length)) + 2;
  return present.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
}

function incidentLine(id: string, incident: IncidentName | undefined): string {
  return incident ? `${incident.reference} ${incident.name}` : id;
}

function when(iso: string | undefined, out: Output): string | undefined {
  return iso === undefined ? undefined : `${relativeTime(iso, out.now())} (${iso})`;
}

export function followUpDetails(followUp: FollowUp, incident: IncidentName | undefined, out: Output): string {
  const issue = followUp.external_issue_reference;
  const assignee = followUp.assignee
    ? `${followUp.assignee.name}${followUp.assignee.email ? ` <${followUp.assignee.email}>` : ""}`
    : undefined;
  const text = [
    `${out.colour.bold(followUp.title)}`,
    ...lines([
      ["ID", followUp.id],
      ["Incident", incidentLine(followUp.incident_id, incident)],
      ["Status", statusColour(followUp.status, out.colour)(followUp.status)],
      ["Priority", followUp.priority?.name],
      ["Assignee", assignee],
      ["Team", followUp.assignee_team?.name],
      ["Issue", issue ? `${issue.issue_name} (${issue.provider}) ${issue.issue_permalink}` : undefined],
      ["Labels", followUp.labels.join(", ")],
      ["Created", when(followUp.created_at, out)],
      ["Completed", when(followUp.completed_at, out)],
    ]),
  ];
  if (followUp.description) text.push("", followUp.description);
  return text.join("\n");
}

export function actionDetails(action: Action, incident: IncidentName | undefined, out: Output): string {
  return [
    out.colour.bold(action.description),
    ...lines([
      ["ID", action.id],
      ["Incident", incidentLine(action.incident_id, incident)],
      ["Status", statusColour(action.status, out.colour)(action.status)],
      ["Assignee", action.assignee?.name],
      ["Created", when(action.created_at, out)],
      ["Completed", when(action.completed_at, out)],
    ]),
  ].join("\n");
}
