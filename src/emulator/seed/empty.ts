import { newId } from "../../shared/ids.js";
import type { IncidentStatusRecord, Snapshot, StatusCategory } from "../model.js";
import { newApiKeyToken } from "./api-key-token.js";
import { Random } from "./random.js";

/**
 * The statuses incident.io creates in every organisation. Only `live` and `learning` can be configured; the
 * rest are managed by incident.io. A new org also starts with one live and one closed status.
 */
export const BASE_STATUSES: readonly { name: string; description: string; category: StatusCategory }[] = [
  { name: "Triage", description: "We're not yet sure whether this is an incident.", category: "triage" },
  { name: "Declined", description: "This turned out not to be an incident.", category: "declined" },
  { name: "Merged", description: "This incident was merged into another incident.", category: "merged" },
  { name: "Canceled", description: "This incident was created by mistake.", category: "canceled" },
  { name: "Paused", description: "Work on this incident is paused for now.", category: "paused" },
  { name: "Investigating", description: "We're working out what's going on.", category: "live" },
  { name: "Closed", description: "The incident is over and the follow-up work is done.", category: "closed" },
];

export function statusRecords(
  defs: readonly { name: string; description: string; category: StatusCategory }[],
  at: string,
  id: () => string,
): IncidentStatusRecord[] {
  return defs.map((d, i) => ({ id: id(), ...d, rank: i + 1, created_at: at, updated_at: at }));
}

/** A fresh organisation with only what incident.io creates for every org, one admin API key and no incidents. */
export function emptySnapshot(opts: { now?: number } = {}): Snapshot {
  const now = opts.now ?? Date.now();
  const at = new Date(now).toISOString();
  const id = () => newId(now);
  // Not seeded: a fresh org's identifiers have no reason to repeat between runs.
  const slack = new Random(Math.floor(Math.random() * 2 ** 32)).slackId("T");
  return {
    organisation: { id: id(), name: "My Organisation", slug: "my-organisation", slack_team_id: slack },
    severities: [],
    incident_statuses: statusRecords(BASE_STATUSES, at, id),
    incident_types: [],
    catalog_types: [],
    catalog_entries: [],
    custom_fields: [],
    custom_field_options: [],
    incident_roles: [
      {
        id: id(),
        name: "Incident Lead",
        description: "The person currently coordinating the incident",
        instructions: "Take ownership: set the severity, keep the channel updated and delegate the work.",
        shortform: "lead",
        role_type: "lead",
        created_at: at,
        updated_at: at,
      },
    ],
    incident_timestamps: [],
    users: [],
    api_keys: [
      { id: id(), name: "Admin", token: newApiKeyToken(), roles: ["global_access"], created_at: at },
    ],
    incidents: [],
    incident_updates: [],
    alert_sources: [],
    alerts: [],
    incident_attachments: [],
    incident_relationships: [],
    postmortem_documents: [],
    workflows: [],
    workflow_runs: [],
    follow_up_priorities: [],
    follow_ups: [],
    actions: [],
    incident_memberships: [],
    schedules: [],
    schedule_overrides: [],
    escalation_paths: [],
    escalations: [],
  };
}
