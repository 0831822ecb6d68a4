/**
 * Realistic incident.io response objects, shaped as the API describes them, for tests of the client's parsing.
 * Each builder takes overrides so a test can change one field and show what it does.
 */
type Body = Record<string, unknown>;

const CREATED = "2026-02-03T09:12:44.118203Z";
const UPDATED = "2026-02-10T16:40:02.551790Z";

export function exampleSeverity(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0SE",
    name: "Major",
    description: "Issues causing **significant impact** for customers.",
    rank: 2,
    created_at: CREATED,
    updated_at: UPDATED,
    ...overrides,
  };
}

export function exampleIncidentStatus(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0ST",
    name: "Investigating",
    description: "We are working out what is going on.",
    rank: 1,
    category: "live",
    created_at: CREATED,
    updated_at: UPDATED,
    ...overrides,
  };
}

export function exampleIncidentType(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0TY",
    name: "Customer outage",
    description: "Anything customers can see",
    is_default: true,
    private_incidents_only: false,
    create_in_triage: "optional",
    created_at: CREATED,
    updated_at: UPDATED,
    ...overrides,
  };
}

export function exampleCustomFieldOption(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0OP",
    custom_field_id: "01HQ4Z7V1JX6R8T3N2M5K9B0CF",
    value: "Payments",
    sort_key: 20,
    ...overrides,
  };
}

export function exampleCustomField(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0CF",
    name: "Affected team",
    description: "The team whose service is affected",
    field_type: "single_select",
    created_at: CREATED,
    updated_at: UPDATED,
    ...overrides,
  };
}

export function exampleIncidentRole(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0RL",
    name: "Incident Lead",
    description: "Coordinates the response",
    instructions: "Keep everyone clear on who does what",
    shortform: "lead",
    role_type: "lead",
    created_at: CREATED,
    updated_at: UPDATED,
    ...overrides,
  };
}

export function exampleIncidentTimestamp(overrides: Body = {}): Body {
  return { id: "01HQ4Z7V1JX6R8T3N2M5K9B0TS", name: "Impact started", rank: 1, ...overrides };
}

/** `UserV2`, as embedded in actors and role assignments. */
export function exampleUser(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0US",
    name: "Grace Okafor",
    email: "grace@example.com",
    role: "responder",
    slack_user_id: "U04RT2KQ9ZL",
    ...overrides,
  };
}

/** `UserWithRolesV2`, from the Users API. */
export function exampleUserWithRoles(overrides: Body = {}): Body {
  const role = { id: "01HQ4Z7V1JX6R8T3N2M5K9B0BR", name: "Responder", slug: "responder" };
  return {
    ...exampleUser(),
    is_active: true,
    base_role: { ...role, description: "Can respond to incidents" },
    custom_roles: [],
    seats: { on_call: "full_access", response: "full_access" },
    ...overrides,
  };
}

export function exampleIncident(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0IN",
    reference: "INC-123",
    name: "Checkout requests failing in eu-west-1",
    summary: "Card payments time out for roughly a third of customers.",
    incident_status: exampleIncidentStatus(),
    severity: exampleSeverity(),
    incident_type: exampleIncidentType(),
    mode: "standard",
    visibility: "public",
    creator: { user: exampleUser() },
    custom_field_entries: [
      {
        custom_field: {
          ...pick(exampleCustomField(), "id", "name", "description", "field_type"),
          options: [],
        },
        values: [{ value_option: exampleCustomFieldOption() }],
      },
    ],
    incident_role_assignments: [{ role: exampleIncidentRole(), assignee: exampleUser() }],
    incident_timestamp_values: [
      { incident_timestamp: exampleIncidentTimestamp(), value: { value: "2026-02-03T09:05:00Z" } },
    ],
    duration_metrics: [
      { duration_metric: { id: "01HQ4Z7V1JX6R8T3N2M5K9B0DM", name: "Time to fix" }, status: "calculating" },
    ],
    slack_channel_id: "C05KX7Q2W1N",
    slack_channel_name: "inc-123-checkout-requests-failing",
    slack_team_id: "T02A1FSLE8J",
    permalink: "https://app.incident.io/example/incidents/123",
    call_url: "https://meet.example.com/inc-123",
    has_debrief: false,
    team_ids: ["01HQ4Z7V1JX6R8T3N2M5K9B0TM"],
    last_activity_at: UPDATED,
    created_at: CREATED,
    updated_at: UPDATED,
    ...overrides,
  };
}

export function exampleIncidentUpdate(overrides: Body = {}): Body {
  return {
    id: "01HQ4Z7V1JX6R8T3N2M5K9B0UP",
    incident_id: "01HQ4Z7V1JX6R8T3N2M5K9B0IN",
    created_at: UPDATED,
    new_incident_status: exampleIncidentStatus({ name: "Monitoring", rank: 3 }),
    new_severity: exampleSeverity(),
    updater: { user: exampleUser() },
    message: "A fix is rolling out; error rates are dropping.",
    ...overrides,
  };
}

export function exampleIdentity(overrides: Body = {}): Body {
  return {
    name: "incidentkit read-only key",
    dashboard_url: "https://app.incident.io/example",
    roles: ["viewer", "incident_creator"],
    team_roles: [],
    teams: [{ id: "01HQ4Z7V1JX6R8T3N2M5K9B0TM", name: "Platform" }],
    ...overrides,
  };
}

function pick(body: Body, ...keys: string[]): Body {
  return Object.fromEntries(keys.map((key) => [key, body[key]]));
}
