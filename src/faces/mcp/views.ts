import { z } from "zod";
import type {
  Actor,
  Incident,
  IncidentStatus,
  IncidentType,
  IncidentUpdate,
  Severity,
} from "../../api/index.js";

/** The compact, stable shapes tools return: what an agent needs, without incident.io's nesting. */

export const IncidentView = z.object({
  id: z.string(),
  reference: z.string().describe('e.g. "INC-123"; accepted wherever an incident is asked for'),
  name: z.string(),
  summary: z.string().optional(),
  status: z.string(),
  status_category: z
    .string()
    .describe("live, triage, learning, closed, paused, declined, merged or canceled"),
  severity: z.string().optional(),
  type: z.string().optional(),
  mode: z.string(),
  visibility: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  permalink: z.string().optional(),
});
export type IncidentView = z.infer<typeof IncidentView>;

export function incidentView(incident: Incident): IncidentView {
  return {
    id: incident.id,
    reference: incident.reference,
    name: incident.name,
    ...(incident.summary ? { summary: incident.summary } : {}),
    status: incident.incident_status.name,
    status_category: incident.incident_status.category,
    ...(incident.severity ? { severity: incident.severity.name } : {}),
    ...(incident.incident_type ? { type: incident.incident_type.name } : {}),
    mode: incident.mode,
    visibility: incident.visibility,
    created_at: incident.created_at,
    updated_at: incident.updated_at,
    ...(incident.permalink ? { permalink: incident.permalink } : {}),
  };
}

export const UpdateView = z.object({
  id: z.string(),
  incident_id: z.string(),
  created_at: z.string(),
  status: z.string().describe("The incident's status after this update"),
  severity: z.string().optional().describe("The incident's severity after this update"),
  message: z.string().optional(),
  updater: z.string().optional().describe("Who posted it: a user, API key, workflow or alert"),
});
export type UpdateView = z.infer<typeof UpdateView>;

export function actorName(actor: Actor): string | undefined {
  return actor.user?.name ?? actor.api_key?.name ?? actor.workflow?.name ?? actor.alert?.title;
}

export function updateView(update: IncidentUpdate): UpdateView {
  const updater = actorName(update.updater);
  return {
    id: update.id,
    incident_id: update.incident_id,
    created_at: update.created_at,
    status: update.new_incident_status.name,
    ...(update.new_severity ? { severity: update.new_severity.name } : {}),
    ...(update.message ? { message: update.message } : {}),
    ...(updater ? { updater } : {}),
  };
}

export const SeverityView = z.object({
  id: z.string(),
  name: z.string(),
  rank: z.number().describe("Higher is more severe"),
  description: z.string(),
});

export function severityView(severity: Severity): z.infer<typeof SeverityView> {
  return { id: severity.id, name: severity.name, rank: severity.rank, description: severity.description };
}

export const StatusView = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string().describe("live, triage, learning, closed, paused, declined, merged or canceled"),
  rank: z.number(),
  description: z.string(),
});

export function statusView(status: IncidentStatus): z.infer<typeof StatusView> {
  return {
    id: status.id,
    name: status.name,
    category: status.category,
    rank: status.rank,
    description: status.description,
  };
}

export const TypeView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  is_default: z.boolean(),
  private_incidents_only: z.boolean().describe("Incidents of this type must be declared private"),
  create_in_triage: z.string().describe('"always": new incidents of this type start in triage'),
});

export function typeView(type: IncidentType): z.infer<typeof TypeView> {
  return {
    id: type.id,
    name: type.name,
    description: type.description,
    is_default: type.is_default,
    private_incidents_only: type.private_incidents_only,
    create_in_triage: type.create_in_triage,
  };
}
