import { describe, expect, it } from "vitest";
import { descriptionMissingReason, validateResponse } from "../../test/support/openapi.js";
import type { IncidentIo } from "./client.js";
import {
  exampleCustomField,
  exampleCustomFieldOption,
  exampleIdentity,
  exampleIncident,
  exampleIncidentRole,
  exampleIncidentStatus,
  exampleIncidentTimestamp,
  exampleIncidentType,
  exampleIncidentUpdate,
  exampleSeverity,
  exampleUserWithRoles,
} from "./testing/example-bodies.js";
import { collect, scriptedClient } from "./testing/harness.js";

const { server, client } = await scriptedClient();

interface Case {
  name: string;
  call: (client: IncidentIo) => Promise<unknown>;
  /** The request the call sends: path and query. */
  url: string;
  body: Record<string, unknown>;
  /** What the call returns: the resource (or list) out of incident.io's envelope. */
  expected: unknown;
}

const meta = { page_size: 250 };
const cases: Case[] = [
  {
    name: "identity",
    call: (c) => c.identity(),
    url: "/v1/identity",
    body: { identity: exampleIdentity() },
    expected: exampleIdentity(),
  },
  {
    name: "severities.list",
    call: (c) => c.severities.list(),
    url: "/v1/severities",
    body: { severities: [exampleSeverity(), exampleSeverity({ id: "01HQ4Z7V1JX6R8T3N2M5K9B0S2", rank: 3 })] },
    expected: [exampleSeverity(), exampleSeverity({ id: "01HQ4Z7V1JX6R8T3N2M5K9B0S2", rank: 3 })],
  },
  {
    name: "severities.show",
    call: (c) => c.severities.show("01HQ4Z7V1JX6R8T3N2M5K9B0SE"),
    url: "/v1/severities/01HQ4Z7V1JX6R8T3N2M5K9B0SE",
    body: { severity: exampleSeverity() },
    expected: exampleSeverity(),
  },
  {
    name: "incidentStatuses.list",
    call: (c) => c.incidentStatuses.list(),
    url: "/v1/incident_statuses",
    body: { incident_statuses: [exampleIncidentStatus(), exampleIncidentStatus({ category: "closed" })] },
    expected: [exampleIncidentStatus(), exampleIncidentStatus({ category: "closed" })],
  },
  {
    name: "incidentStatuses.show",
    call: (c) => c.incidentStatuses.show("01HQ4Z7V1JX6R8T3N2M5K9B0ST"),
    url: "/v1/incident_statuses/01HQ4Z7V1JX6R8T3N2M5K9B0ST",
    body: { incident_status: exampleIncidentStatus() },
    expected: exampleIncidentStatus(),
  },
  {
    name: "incidentTypes.list",
    call: (c) => c.incidentTypes.list(),
    url: "/v1/incident_types",
    body: { incident_types: [exampleIncidentType({ owning_team_ids: ["01HQ4Z7V1JX6R8T3N2M5K9B0TM"] })] },
    expected: [exampleIncidentType({ owning_team_ids: ["01HQ4Z7V1JX6R8T3N2M5K9B0TM"] })],
  },
  {
    name: "incidentTypes.show",
    call: (c) => c.incidentTypes.show("01HQ4Z7V1JX6R8T3N2M5K9B0TY"),
    url: "/v1/incident_types/01HQ4Z7V1JX6R8T3N2M5K9B0TY",
    body: { incident_type: exampleIncidentType() },
    expected: exampleIncidentType(),
  },
  {
    name: "customFields.list",
    call: (c) => c.customFields.list(),
    url: "/v2/custom_fields",
    body: { custom_fields: [exampleCustomField(), exampleCustomField({ field_type: "numeric" })] },
    expected: [exampleCustomField(), exampleCustomField({ field_type: "numeric" })],
  },
  {
    name: "customFields.show",
    call: (c) => c.customFields.show("01HQ4Z7V1JX6R8T3N2M5K9B0CF"),
    url: "/v2/custom_fields/01HQ4Z7V1JX6R8T3N2M5K9B0CF",
    body: { custom_field: exampleCustomField() },
    expected: exampleCustomField(),
  },
  {
    name: "customFieldOptions.list",
    call: (c) => collect(c.customFieldOptions.list("01HQ4Z7V1JX6R8T3N2M5K9B0CF")),
    url: "/v1/custom_field_options?custom_field_id=01HQ4Z7V1JX6R8T3N2M5K9B0CF&page_size=250",
    body: { custom_field_options: [exampleCustomFieldOption()], pagination_meta: meta },
    expected: [exampleCustomFieldOption()],
  },
  {
    name: "incidentRoles.list",
    call: (c) => c.incidentRoles.list(),
    url: "/v2/incident_roles",
    body: { incident_roles: [exampleIncidentRole()] },
    expected: [exampleIncidentRole()],
  },
  {
    name: "incidentRoles.show",
    call: (c) => c.incidentRoles.show("01HQ4Z7V1JX6R8T3N2M5K9B0RL"),
    url: "/v2/incident_roles/01HQ4Z7V1JX6R8T3N2M5K9B0RL",
    body: { incident_role: exampleIncidentRole() },
    expected: exampleIncidentRole(),
  },
  {
    name: "incidentTimestamps.list",
    call: (c) => c.incidentTimestamps.list(),
    url: "/v2/incident_timestamps",
    body: { incident_timestamps: [exampleIncidentTimestamp()] },
    expected: [exampleIncidentTimestamp()],
  },
  {
    name: "incidentTimestamps.show",
    call: (c) => c.incidentTimestamps.show("01HQ4Z7V1JX6R8T3N2M5K9B0TS"),
    url: "/v2/incident_timestamps/01HQ4Z7V1JX6R8T3N2M5K9B0TS",
    body: { incident_timestamp: exampleIncidentTimestamp() },
    expected: exampleIncidentTimestamp(),
  },
  {
    name: "users.list",
    call: (c) => collect(c.users.list({ email: "grace@example.com" })),
    url: "/v2/users?email=grace%40example.com&page_size=250",
    body: { users: [exampleUserWithRoles()], pagination_meta: meta },
    expected: [exampleUserWithRoles()],
  },
  {
    name: "users.show",
    call: (c) => c.users.show("01HQ4Z7V1JX6R8T3N2M5K9B0US"),
    url: "/v2/users/01HQ4Z7V1JX6R8T3N2M5K9B0US",
    body: { user: exampleUserWithRoles() },
    expected: exampleUserWithRoles(),
  },
  {
    name: "incidents.listPage",
    call: (c) => c.incidents.listPage({ status_category: { one_of: "live" } }, { pageSize: 25 }),
    url: "/v2/incidents?page_size=25&status_category[one_of]=live",
    body: { incidents: [exampleIncident()], pagination_meta: { page_size: 25, total_record_count: 1 } },
    expected: { incidents: [exampleIncident()], paginationMeta: { page_size: 25, total_record_count: 1 } },
  },
  {
    name: "incidents.show by reference",
    call: (c) => c.incidents.show("INC-123"),
    url: "/v2/incidents/123",
    body: { incident: exampleIncident() },
    expected: exampleIncident(),
  },
  {
    name: "incidents.show by ID",
    call: (c) => c.incidents.show("01HQ4Z7V1JX6R8T3N2M5K9B0IN"),
    url: "/v2/incidents/01HQ4Z7V1JX6R8T3N2M5K9B0IN",
    body: { incident: exampleIncident() },
    expected: exampleIncident(),
  },
  {
    name: "incidentUpdates.listPage",
    call: (c) => c.incidentUpdates.listPage({ incidentId: "01HQ4Z7V1JX6R8T3N2M5K9B0IN" }),
    url: "/v2/incident_updates?incident_id=01HQ4Z7V1JX6R8T3N2M5K9B0IN",
    body: { incident_updates: [exampleIncidentUpdate()], pagination_meta: { page_size: 25 } },
    expected: { incidentUpdates: [exampleIncidentUpdate()], paginationMeta: { page_size: 25 } },
  },
];

describe("each resource's list and show", () => {
  it.each(cases)(
    "$name sends GET $url and returns the parsed body",
    async ({ call, url, body, expected }) => {
      server.reply({ body });
      expect(await call(client)).toEqual(expected);
      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${url}`]);
    },
  );
});

if (descriptionMissingReason) console.warn(`resources.test.ts: ${descriptionMissingReason}`);

describe.skipIf(descriptionMissingReason !== undefined)("the example bodies", () => {
  it.each(cases)("$name: the body is valid by incident.io's description", ({ url, body }) => {
    const path = url.split("?")[0] as string;
    expect(validateResponse("GET", path, 200, body)).toEqual({ ok: true });
  });
});
