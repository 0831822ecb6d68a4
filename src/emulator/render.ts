import type {
  ActorRef,
  ApiKeyRecord,
  CustomFieldOptionRecord,
  CustomFieldRecord,
  IncidentRecord,
  IncidentRoleRecord,
  IncidentStatusRecord,
  IncidentTypeRecord,
  IncidentUpdateRecord,
  SeverityRecord,
  StoredCustomFieldValue,
  UserRecord,
} from "./model.js";
import type { EmulatorState } from "./state.js";

/** Stored records → incident.io's response shapes (IncidentV2, SeverityV2, UserV2, …). */

export function renderSeverity(s: SeverityRecord) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    rank: s.rank,
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

export function renderStatus(s: IncidentStatusRecord) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    rank: s.rank,
    category: s.category,
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

export function renderIncidentType(t: IncidentTypeRecord) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    is_default: t.is_default,
    private_incidents_only: t.private_incidents_only,
    create_in_triage: t.create_in_triage,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

export function renderCustomField(f: CustomFieldRecord) {
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    field_type: f.field_type,
    ...(f.catalog_type_id ? { catalog_type_id: f.catalog_type_id } : {}),
    created_at: f.created_at,
    updated_at: f.updated_at,
  };
}

export function renderOption(o: CustomFieldOptionRecord) {
  return { id: o.id, custom_field_id: o.custom_field_id, value: o.value, sort_key: o.sort_key };
}

export function renderRole(r: IncidentRoleRecord) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    instructions: r.instructions,
    shortform: r.shortform,
    role_type: r.role_type,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

/** UserV2: the slim user embedded in incidents and actors. */
export function renderUser(u: UserRecord) {
  return {
    id: u.id,
    name: u.name,
    role: u.role,
    email: u.email,
    ...(u.slack_user_id ? { slack_user_id: u.slack_user_id } : {}),
  };
}

/** UserWithRolesV2: the users API's shape. */
export function renderUserWithRoles(u: UserRecord) {
  return {
    ...renderUser(u),
    is_active: u.is_active,
    base_role: u.base_role,
    custom_roles: [],
    seats: u.seats,
  };
}

export function renderApiKeyActor(key: Pick<ApiKeyRecord, "id" | "name">) {
  return { api_key: { id: key.id, name: key.name } };
}

export function renderActor(state: EmulatorState, actor: ActorRef) {
  if ("api_key_id" in actor) {
    const key = state.get("api_keys", actor.api_key_id);
    return renderApiKeyActor({ id: actor.api_key_id, name: key?.name ?? "Deleted API key" });
  }
  if ("user_id" in actor) {
    const user = state.get("users", actor.user_id);
    return user ? { user: renderUser(user) } : {};
  }
  return { workflow: { id: actor.workflow.id, name: actor.workflow.name } };
}

/**
 * Renders incidents, caching each rendering (and its JSON text) by record identity. Records are replaced, never
 * mutated, on change, and the cache is dropped whenever configuration (names of severities, fields, …) changes.
 */
export class IncidentRenderer {
  private cache = new WeakMap<IncidentRecord, { object: object; json?: Buffer }>();
  private version = -1;
  private fieldInfo = new Map<string, object>();

  constructor(private readonly state: EmulatorState) {}

  render(incident: IncidentRecord): object {
    return this.cached(incident).object;
  }

  /** `render(incident)` as UTF-8 JSON, encoded once: a list page is mostly these bytes joined. */
  renderJson(incident: IncidentRecord): Buffer {
    const entry = this.cached(incident);
    entry.json ??= Buffer.from(JSON.stringify(entry.object));
    return entry.json;
  }

  private cached(incident: IncidentRecord): { object: object; json?: Buffer } {
    if (this.version !== this.state.configVersion) {
      this.cache = new WeakMap();
      this.fieldInfo = new Map();
      this.version = this.state.configVersion;
    }
    let entry = this.cache.get(incident);
    if (!entry) {
      entry = { object: this.build(incident) };
      this.cache.set(incident, entry);
    }
    return entry;
  }

  private build(incident: IncidentRecord): object {
    const { state } = this;
    const org = state.organisation;
    const status = state.get("incident_statuses", incident.incident_status_id);
    const severity = incident.severity_id ? state.get("severities", incident.severity_id) : undefined;
    const type = incident.incident_type_id
      ? state.get("incident_types", incident.incident_type_id)
      : undefined;
    const assignments = new Map(
      incident.role_assignments.map((a) => [a.incident_role_id, a.assignee_user_id]),
    );
    const timestamps = new Map(incident.timestamp_values.map((t) => [t.incident_timestamp_id, t.value]));
    return {
      id: incident.id,
      reference: `INC-${incident.number}`,
      name: incident.name,
      ...(incident.summary !== undefined ? { summary: incident.summary } : {}),
      incident_status: status ? renderStatus(status) : missingStatus(incident),
      ...(severity ? { severity: renderSeverity(severity) } : {}),
      ...(type ? { incident_type: renderIncidentType(type) } : {}),
      mode: incident.mode,
      visibility: incident.visibility,
      creator: renderActor(state, incident.creator),
      custom_field_entries: incident.custom_field_entries
        .filter((entry) => entry.values.length > 0 && state.get("custom_fields", entry.custom_field_id))
        .map((entry) => ({
          custom_field: this.customFieldInfo(entry.custom_field_id),
          values: entry.values.map((value) => this.renderValue(value)),
        })),
      incident_role_assignments: state.list("incident_roles").map((role) => {
        const userId = assignments.get(role.id);
        const user = userId ? state.get("users", userId) : undefined;
        return { role: renderRole(role), ...(user ? { assignee: renderUser(user) } : {}) };
      }),
      incident_timestamp_values: state.list("incident_timestamps").map((timestamp) => {
        const value = timestamps.get(timestamp.id);
        return {
          incident_timestamp: { id: timestamp.id, name: timestamp.name, rank: timestamp.rank },
          ...(value ? { value: { value } } : {}),
        };
      }),
      slack_team_id: org.slack_team_id,
      slack_channel_id: incident.slack_channel_id,
      ...(incident.slack_channel_name ? { slack_channel_name: incident.slack_channel_name } : {}),
      ...(incident.call_url ? { call_url: incident.call_url } : {}),
      ...(incident.postmortem_document_url
        ? { postmortem_document_url: incident.postmortem_document_url }
        : {}),
      permalink: `https://app.incident.io/${org.slug}/incidents/${incident.number}`,
      team_ids: incident.team_ids,
      created_at: incident.created_at,
      updated_at: incident.updated_at,
      last_activity_at: incident.last_activity_at,
    };
  }

  private customFieldInfo(fieldId: string): object {
    let info = this.fieldInfo.get(fieldId);
    if (!info) {
      const field = this.state.get("custom_fields", fieldId);
      const options = [...this.state.values("custom_field_options")]
        .filter((option) => option.custom_field_id === fieldId)
        .sort((a, b) => a.sort_key - b.sort_key)
        .map(renderOption);
      info = {
        id: fieldId,
        name: field?.name ?? "",
        description: field?.description ?? "",
        field_type: field?.field_type ?? "text",
        options,
      };
      this.fieldInfo.set(fieldId, info);
    }
    return info;
  }

  private renderValue(value: StoredCustomFieldValue): object {
    if (value.value_option_id) {
      const option = this.state.get("custom_field_options", value.value_option_id);
      if (option) return { value_option: renderOption(option) };
    }
    if (value.value_catalog_entry_id) {
      const entry = this.state.get("catalog_entries", value.value_catalog_entry_id);
      if (entry) {
        return {
          value_catalog_entry: {
            id: entry.id,
            name: entry.name,
            ...(entry.external_id ? { external_id: entry.external_id } : {}),
            aliases: entry.aliases,
          },
        };
      }
    }
    if (value.value_text !== undefined) return { value_text: value.value_text };
    if (value.value_link !== undefined) return { value_link: value.value_link };
    if (value.value_numeric !== undefined) return { value_numeric: value.value_numeric };
    return {};
  }
}

/** A status deleted out from under an incident: statuses in use cannot be deleted, so only stale data hits this. */
function missingStatus(incident: IncidentRecord) {
  return {
    id: incident.incident_status_id,
    name: "Unknown",
    description: "",
    rank: 0,
    category: "live" as const,
    created_at: incident.created_at,
    updated_at: incident.created_at,
  };
}

export function renderIncidentUpdate(state: EmulatorState, update: IncidentUpdateRecord) {
  const status = state.get("incident_statuses", update.new_incident_status_id);
  const severity = update.new_severity_id ? state.get("severities", update.new_severity_id) : undefined;
  return {
    id: update.id,
    incident_id: update.incident_id,
    new_incident_status: status
      ? renderStatus(status)
      : {
          ...missingStatus({
            incident_status_id: update.new_incident_status_id,
            created_at: update.created_at,
          } as IncidentRecord),
        },
    ...(severity ? { new_severity: renderSeverity(severity) } : {}),
    updater: renderActor(state, update.updater),
    ...(update.message !== undefined ? { message: update.message } : {}),
    created_at: update.created_at,
  };
}
