/** Incidents the CLI tests read: known references, severities, statuses, dates and one custom field value. */
import type { Snapshot } from "../../src/emulator/model.js";
import { incidentRecord, named } from "../../src/emulator/testing.js";

export function seedIncidents(s: Snapshot): void {
  const severity = (name: string) => named(s.severities, name).id;
  const status = (name: string) => named(s.incident_statuses, name).id;
  const team = named(s.custom_fields, "Affected team");
  const payments = s.custom_field_options.find(
    (o) => o.custom_field_id === team.id && o.value === "Payments",
  );
  const checkout = incidentRecord(s, 1, {
    name: "Checkout down",
    summary: "Card payments fail at checkout.",
    severity_id: severity("Critical"),
    incident_status_id: status("Investigating"),
    created_at: "2024-04-30T10:00:00.000Z",
    custom_field_entries: [{ custom_field_id: team.id, values: [{ value_option_id: payments?.id ?? "" }] }],
    role_assignments: [
      {
        incident_role_id: named(s.incident_roles, "Comms").id,
        assignee_user_id: named(s.users, "Ada Lovelace").id,
      },
    ],
  });
  s.incidents = [
    checkout,
    incidentRecord(s, 2, {
      name: "Search slow",
      severity_id: severity("Minor"),
      incident_status_id: status("Fixing"),
      created_at: "2024-04-20T10:00:00.000Z",
    }),
    incidentRecord(s, 3, {
      name: "Old outage",
      severity_id: severity("Major"),
      incident_status_id: status("Closed"),
      created_at: "2024-01-10T10:00:00.000Z",
    }),
    incidentRecord(s, 4, {
      name: "Fire drill",
      mode: "test",
      severity_id: severity("Minor"),
      created_at: "2024-04-29T10:00:00.000Z",
    }),
  ];
  s.incident_updates = [
    {
      id: "01HWUPDATE00000000000000001",
      incident_id: checkout.id,
      new_incident_status_id: status("Investigating"),
      new_severity_id: severity("Critical"),
      updater: { user_id: named(s.users, "Grace Hopper").id },
      message: "Rolled back the payments deploy.",
      created_at: "2024-04-30T11:00:00.000Z",
    },
  ];
}
