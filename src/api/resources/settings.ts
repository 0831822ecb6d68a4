import { type Caller, segment } from "../caller.js";
import { checkPageSize, paginate } from "../paginate.js";
import type {
  CustomFieldOptionsCreatePayload,
  CustomFieldOptionsUpdatePayload,
  IncidentStatusesCreatePayload,
  IncidentStatusesUpdatePayload,
  SeveritiesCreatePayload,
  SeveritiesUpdatePayload,
} from "../types/payloads.js";
import {
  CustomFieldOptionResult,
  CustomFieldOptionsListResult,
  CustomFieldResult,
  CustomFieldsListResult,
  IncidentRoleResult,
  IncidentRolesListResult,
  IncidentStatusesListResult,
  IncidentStatusResult,
  IncidentTimestampResult,
  IncidentTimestampsListResult,
  IncidentTypeResult,
  IncidentTypesListResult,
  SeveritiesListResult,
  SeverityResult,
} from "../types/results.js";
import type {
  CustomField,
  CustomFieldOption,
  IncidentRole,
  IncidentStatus,
  IncidentTimestamp,
  IncidentType,
  Severity,
} from "../types/settings.js";

/** Severities (v1). Reads return the resource; writes return incident.io's result object. */
export class Severities {
  constructor(private readonly caller: Caller) {}
  async list(): Promise<Severity[]> {
    return (await this.caller.json(SeveritiesListResult, "GET", "/v1/severities")).severities;
  }
  async show(id: string): Promise<Severity> {
    return (await this.caller.json(SeverityResult, "GET", `/v1/severities/${segment(id)}`)).severity;
  }
  create(body: SeveritiesCreatePayload): Promise<{ severity: Severity }> {
    return this.caller.json(SeverityResult, "POST", "/v1/severities", { body });
  }
  update(id: string, body: SeveritiesUpdatePayload): Promise<{ severity: Severity }> {
    return this.caller.json(SeverityResult, "PUT", `/v1/severities/${segment(id)}`, { body });
  }
  delete(id: string): Promise<void> {
    return this.caller.send("DELETE", `/v1/severities/${segment(id)}`);
  }
}

/** Incident statuses (v1), each with its `category`. */
export class IncidentStatuses {
  constructor(private readonly caller: Caller) {}
  async list(): Promise<IncidentStatus[]> {
    return (await this.caller.json(IncidentStatusesListResult, "GET", "/v1/incident_statuses"))
      .incident_statuses;
  }
  async show(id: string): Promise<IncidentStatus> {
    return (await this.caller.json(IncidentStatusResult, "GET", `/v1/incident_statuses/${segment(id)}`))
      .incident_status;
  }
  create(body: IncidentStatusesCreatePayload): Promise<{ incident_status: IncidentStatus }> {
    return this.caller.json(IncidentStatusResult, "POST", "/v1/incident_statuses", { body });
  }
  update(id: string, body: IncidentStatusesUpdatePayload): Promise<{ incident_status: IncidentStatus }> {
    return this.caller.json(IncidentStatusResult, "PUT", `/v1/incident_statuses/${segment(id)}`, { body });
  }
  delete(id: string): Promise<void> {
    return this.caller.send("DELETE", `/v1/incident_statuses/${segment(id)}`);
  }
}

/** Incident types (v1, read-only). */
export class IncidentTypes {
  constructor(private readonly caller: Caller) {}
  async list(): Promise<IncidentType[]> {
    return (await this.caller.json(IncidentTypesListResult, "GET", "/v1/incident_types")).incident_types;
  }
  async show(id: string): Promise<IncidentType> {
    return (await this.caller.json(IncidentTypeResult, "GET", `/v1/incident_types/${segment(id)}`))
      .incident_type;
  }
}

/** Custom fields (v2). */
export class CustomFields {
  constructor(private readonly caller: Caller) {}
  async list(): Promise<CustomField[]> {
    return (await this.caller.json(CustomFieldsListResult, "GET", "/v2/custom_fields")).custom_fields;
  }
  async show(id: string): Promise<CustomField> {
    return (await this.caller.json(CustomFieldResult, "GET", `/v2/custom_fields/${segment(id)}`))
      .custom_field;
  }
}

/** Custom field options (v1): paginated, per field; only select fields that are not catalog-backed have them. */
export class CustomFieldOptions {
  constructor(private readonly caller: Caller) {}
  /** Every option of the field, over all pages. */
  list(
    customFieldId: string,
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<CustomFieldOption> {
    const pageSize = checkPageSize(options.pageSize ?? 250);
    return paginate(async (after) => {
      const result = await this.caller.json(CustomFieldOptionsListResult, "GET", "/v1/custom_field_options", {
        query: { custom_field_id: customFieldId, page_size: pageSize, after },
      });
      return { items: result.custom_field_options, after: result.pagination_meta?.after };
    }, options.limit);
  }

  async show(id: string): Promise<CustomFieldOption> {
    return (await this.caller.json(CustomFieldOptionResult, "GET", `/v1/custom_field_options/${segment(id)}`))
      .custom_field_option;
  }

  /** Not retried on 5xx: a repeat of an applied create is refused, the value being taken by then. */
  create(body: CustomFieldOptionsCreatePayload): Promise<{ custom_field_option: CustomFieldOption }> {
    return this.caller.json(CustomFieldOptionResult, "POST", "/v1/custom_field_options", { body });
  }

  /** Sets the value and sort key. Retried safely: it sets, it does not add. */
  update(
    id: string,
    body: CustomFieldOptionsUpdatePayload,
  ): Promise<{ custom_field_option: CustomFieldOption }> {
    return this.caller.json(CustomFieldOptionResult, "PUT", `/v1/custom_field_options/${segment(id)}`, {
      body,
      idempotent: true,
    });
  }

  /** Deletes the option; incidents that had it chosen no longer have a value from it. */
  delete(id: string): Promise<void> {
    return this.caller.send("DELETE", `/v1/custom_field_options/${segment(id)}`);
  }
}

/** Incident roles (v2). */
export class IncidentRoles {
  constructor(private readonly caller: Caller) {}
  async list(): Promise<IncidentRole[]> {
    return (await this.caller.json(IncidentRolesListResult, "GET", "/v2/incident_roles")).incident_roles;
  }
  async show(id: string): Promise<IncidentRole> {
    return (await this.caller.json(IncidentRoleResult, "GET", `/v2/incident_roles/${segment(id)}`))
      .incident_role;
  }
}

/** Incident timestamps (v2, read-only). */
export class IncidentTimestamps {
  constructor(private readonly caller: Caller) {}
  async list(): Promise<IncidentTimestamp[]> {
    return (await this.caller.json(IncidentTimestampsListResult, "GET", "/v2/incident_timestamps"))
      .incident_timestamps;
  }
  async show(id: string): Promise<IncidentTimestamp> {
    return (await this.caller.json(IncidentTimestampResult, "GET", `/v2/incident_timestamps/${segment(id)}`))
      .incident_timestamp;
  }
}
