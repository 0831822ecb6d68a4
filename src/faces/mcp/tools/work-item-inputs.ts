import { z } from "zod";
import {
  DEFAULT_WORK_LIMIT,
  INCIDENT_MODES,
  SETTABLE_STATUSES,
  type WorkItemQuery,
} from "../../../ops/index.js";
import { incidentRef } from "../inputs.js";

/** Input parameters the follow-up and action tools share. */

export const MAX_WORK_LIMIT = 500;

export const workStatus = z.enum(SETTABLE_STATUSES);

export const person = z
  .string()
  .min(1)
  .describe('A person by email (e.g. "priya@acme.example"), full name as incident.io shows it, or user ID.');

export const workListInput = {
  incident: incidentRef.optional().describe("Only this incident's: its ID, INC-123, or its incident.io URL."),
  status: z
    .array(workStatus)
    .optional()
    .describe('Only these statuses; e.g. ["outstanding"] for the work still open. Default: all.'),
  assignee: person.optional().describe("Only work assigned to this person, by email, name or user ID."),
  mode: z
    .enum(INCIDENT_MODES as [string, ...string[]])
    .optional()
    .describe("Only work of incidents in this mode; default standard and retrospective incidents."),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_WORK_LIMIT)
    .optional()
    .describe(`How many to return, newest first (1-${MAX_WORK_LIMIT}, default ${DEFAULT_WORK_LIMIT}).`),
};

type ListArgs = { [K in keyof typeof workListInput]?: z.infer<(typeof workListInput)[K]> };

export function workQuery(args: ListArgs): WorkItemQuery {
  return {
    incident: args.incident,
    status: args.status,
    assignee: args.assignee,
    mode: args.mode,
    limit: args.limit,
  };
}

/** The closing line of a list cut by its limit. */
export function moreWorkText(shown: number, total: number, noun: string): string {
  return shown < total
    ? `${shown} of ${total} ${noun} shown, newest first: raise limit or narrow with incident, status or assignee for the rest.`
    : `All ${total} ${noun} shown.`;
}
