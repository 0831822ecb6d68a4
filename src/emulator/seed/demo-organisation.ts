import type {
  ApiKeyRecord,
  CatalogEntryRecord,
  CustomFieldOptionRecord,
  CustomFieldRecord,
  IncidentRoleRecord,
  Snapshot,
  UserRecord,
} from "../model.js";
import { newApiKeyToken } from "./api-key-token.js";
import {
  CUSTOMER_IMPACT_OPTIONS,
  type CustomerImpact,
  DEMO_API_KEYS,
  DEMO_INCIDENT_TYPES,
  DEMO_ORGANISATION,
  DEMO_ROLES,
  DEMO_SERVICES,
  DEMO_SEVERITIES,
  DEMO_STATUSES,
  DEMO_TEAMS,
  DEMO_TIMESTAMPS,
  DEMO_USERS,
  type IncidentTypeName,
  type SeverityName,
  type TeamName,
  type TimestampName,
} from "./organisation.js";
import type { Random } from "./random.js";

/** The demo organisation's configuration as records, plus the lookups the incident generator needs. */
export interface DemoOrganisation {
  /** The configuration only: what happens in the organisation (incidents, alerts, follow-ups, …) comes later. */
  snapshot: Pick<
    Snapshot,
    | "organisation"
    | "severities"
    | "incident_statuses"
    | "incident_types"
    | "catalog_types"
    | "catalog_entries"
    | "custom_fields"
    | "custom_field_options"
    | "incident_roles"
    | "incident_timestamps"
    | "users"
    | "api_keys"
  >;
  severityId: Record<SeverityName, string>;
  statusId: (name: string) => string;
  typeId: Record<IncidentTypeName, string>;
  serviceEntryId: (slug: string) => string;
  teamEntryId: Record<TeamName, string>;
  field: {
    affectedServices: string;
    customerImpact: string;
    rootCause: string;
    runbook: string;
    customersAffected: string;
  };
  impactOptionId: Record<CustomerImpact, string>;
  roleId: (shortform: (typeof DEMO_ROLES)[number]["shortform"]) => string;
  timestampId: Record<TimestampName, string>;
  /** Users who respond to incidents (responders and above). */
  responders: UserRecord[];
  botKey: ApiKeyRecord;
}

const BASE_ROLES = {
  owner: {
    name: "Owner",
    slug: "owner",
    description: "Full control, including billing and deleting the organisation",
  },
  administrator: {
    name: "Admin",
    slug: "admin",
    description: "Manage settings and everything responders can do",
  },
  responder: { name: "Responder", slug: "responder", description: "Declare and respond to incidents" },
  viewer: { name: "Viewer", slug: "viewer", description: "See incidents and dashboards" },
  unset: { name: "Unset", slug: "unset", description: "No base role" },
} as const;

function emailOf(name: string): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f']/g, "");
  return `${ascii.toLowerCase().replace(/\s+/g, ".")}@acme.example`;
}

function lookup(records: { id: string; name: string }[]): Record<string, string> {
  return Object.fromEntries(records.map((r) => [r.name, r.id]));
}

function must(map: Record<string, string>, key: string, what: string): string {
  const id = map[key];
  if (id === undefined) throw new Error(`demo organisation has no ${what} "${key}"`);
  return id;
}

export function buildDemoOrganisation(rng: Random, createdAtMs: number): DemoOrganisation {
  const at = new Date(createdAtMs).toISOString();
  const id = () => rng.id(createdAtMs);
  const stamp = { created_at: at, updated_at: at };

  const severities = DEMO_SEVERITIES.map((s) => ({ id: id(), ...s, ...stamp }));
  const statuses = DEMO_STATUSES.map((s, i) => ({ id: id(), ...s, rank: i + 1, ...stamp }));
  const types = DEMO_INCIDENT_TYPES.map((t) => ({ id: id(), ...t, ...stamp }));

  const serviceType = {
    id: id(),
    name: "Service",
    description: "Everything we run in production, owned by a team",
    type_name: 'Custom["Service"]',
    ...stamp,
  };
  const teamType = {
    id: id(),
    name: "Team",
    description: "Engineering teams; incidents are owned by the team that owns the affected service",
    type_name: 'Custom["Team"]',
    ...stamp,
  };
  const teamEntries: CatalogEntryRecord[] = DEMO_TEAMS.map((name) => ({
    id: id(),
    catalog_type_id: teamType.id,
    name,
    external_id: name.toLowerCase(),
    aliases: [],
    ...stamp,
  }));
  const serviceEntries: CatalogEntryRecord[] = DEMO_SERVICES.map((s) => ({
    id: id(),
    catalog_type_id: serviceType.id,
    name: s.name,
    external_id: s.slug,
    aliases: [...s.aliases],
    ...stamp,
  }));

  const field = (
    name: string,
    description: string,
    field_type: CustomFieldRecord["field_type"],
    catalog_type_id?: string,
  ) =>
    ({
      id: id(),
      name,
      description,
      field_type,
      ...(catalog_type_id ? { catalog_type_id } : {}),
      ...stamp,
    }) as CustomFieldRecord;
  const fields = {
    affectedServices: field(
      "Affected services",
      "Which services are impacted by this incident",
      "multi_select",
      serviceType.id,
    ),
    customerImpact: field("Customer impact", "How many customers can see the problem", "single_select"),
    rootCause: field("Root cause", "What ultimately caused this incident", "text"),
    runbook: field("Runbook", "The runbook responders followed", "link"),
    customersAffected: field("Customers affected", "Roughly how many customers were affected", "numeric"),
  };
  const options: CustomFieldOptionRecord[] = CUSTOMER_IMPACT_OPTIONS.map((value, i) => ({
    id: id(),
    custom_field_id: fields.customerImpact.id,
    value,
    sort_key: (i + 1) * 10,
  }));

  const roles: IncidentRoleRecord[] = DEMO_ROLES.map((r) => ({ id: id(), ...r, ...stamp }));
  const timestamps = DEMO_TIMESTAMPS.map((name, i) => ({ id: id(), name, rank: i + 1 }));

  const baseRoleIds = Object.fromEntries(Object.keys(BASE_ROLES).map((k) => [k, id()])) as Record<
    keyof typeof BASE_ROLES,
    string
  >;
  const users: UserRecord[] = DEMO_USERS.map((u) => ({
    id: id(),
    name: u.name,
    email: emailOf(u.name),
    slack_user_id: rng.slackId("U"),
    role: u.role,
    is_active: u.active ?? true,
    base_role: { id: baseRoleIds[u.role], ...BASE_ROLES[u.role] },
    seats: {
      on_call: u.role === "viewer" ? "none" : "full_access",
      response: u.role === "viewer" ? "viewer_only" : "full_access",
    },
  }));
  const apiKeys: ApiKeyRecord[] = DEMO_API_KEYS.map((k) => ({
    id: id(),
    name: k.name,
    token: newApiKeyToken(),
    roles: [...k.roles],
    created_at: at,
  }));

  const statusIds = lookup(statuses);
  const serviceIds = Object.fromEntries(serviceEntries.map((e) => [e.external_id ?? e.name, e.id]));
  const roleIds = Object.fromEntries(roles.map((r) => [r.shortform, r.id]));
  const impactIds = Object.fromEntries(options.map((o) => [o.value, o.id]));
  const botKey = apiKeys.find((k) => k.name === "Incident bot");
  if (!botKey) throw new Error("demo organisation has no Incident bot key");

  return {
    snapshot: {
      organisation: { id: id(), ...DEMO_ORGANISATION, slack_team_id: rng.slackId("T") },
      severities,
      incident_statuses: statuses,
      incident_types: types,
      catalog_types: [serviceType, teamType],
      catalog_entries: [...serviceEntries, ...teamEntries],
      custom_fields: Object.values(fields),
      custom_field_options: options,
      incident_roles: roles,
      incident_timestamps: timestamps,
      users,
      api_keys: apiKeys,
    },
    severityId: lookup(severities) as Record<SeverityName, string>,
    statusId: (name) => must(statusIds, name, "status"),
    typeId: lookup(types) as Record<IncidentTypeName, string>,
    serviceEntryId: (slug) => must(serviceIds, slug, "service"),
    teamEntryId: lookup(teamEntries) as Record<TeamName, string>,
    field: {
      affectedServices: fields.affectedServices.id,
      customerImpact: fields.customerImpact.id,
      rootCause: fields.rootCause.id,
      runbook: fields.runbook.id,
      customersAffected: fields.customersAffected.id,
    },
    impactOptionId: impactIds as Record<CustomerImpact, string>,
    roleId: (shortform) => must(roleIds, shortform, "role"),
    timestampId: lookup(timestamps) as Record<TimestampName, string>,
    responders: users.filter((u) => u.role !== "viewer"),
    botKey,
  };
}
