import {
  type Incident,
  type IncidentEditPayload,
  IncidentIoApiError,
  type IncidentStatus,
  type IncidentsCreatePayload,
  OPEN_STATUS_CATEGORIES,
  type Severity,
} from "../api/index.js";
import { CATALOG_HINT, customFieldEntries } from "./custom-field-values.js";
import { deriveIdempotencyKey } from "./idempotency.js";
import { fetchIncident, incidentIdOf } from "./incident-lookup.js";
import { type IncidentQuery, incidentsListFilter } from "./incident-query.js";
import { invalidArgument, oneOf } from "./invalid-argument.js";
import { type Page, readPages } from "./pages.js";
import { incidentsBefore } from "./read-before.js";
import { isValidationOf } from "./rehint.js";
import type { OpsSession } from "./session.js";
import { statusMoveHint } from "./status-hint.js";
import { postUpdateTo } from "./updates.js";
import { type Created, type CreateOptions, writeOnce } from "./write-once.js";

/** Incidents matching the query: `limit` of them (default 25) from the cursor, or all with `page.all`. */
export async function listIncidents(
  s: OpsSession,
  query?: IncidentQuery,
  page?: Page,
): Promise<{ incidents: Incident[]; nextCursor?: string; total?: number }> {
  const filter = await incidentsListFilter(s.lookups, query);
  const read = await readPages(async (after, pageSize) => {
    const result = await s.io.incidents.listPage(filter, {
      pageSize,
      after,
    });
    return {
      items: result.incidents,
      after: result.paginationMeta?.after,
      total: result.paginationMeta?.total_record_count,
    };
  }, page);
  return {
    incidents: read.items,
    ...(read.nextCursor !== undefined ? { nextCursor: read.nextCursor } : {}),
    ...(read.total !== undefined ? { total: read.total } : {}),
  };
}

/** One incident by ID, reference (INC-123), number or incident.io URL. */
export async function getIncident(s: OpsSession, ref: string): Promise<Incident> {
  return fetchIncident(s, ref);
}

export interface DeclareInput {
  name: string;
  summary?: string;
  /** Name or ID; needed unless the type creates incidents in triage. */
  severity?: string;
  status?: string;
  type?: string;
  mode?: "standard" | "test" | "retrospective";
  /** Default public, or private when the type only allows private incidents. */
  visibility?: "public" | "private";
  /** Field name or ID → option values/IDs, text, a number, a link, or catalog entries by name, alias, external ID or ID. */
  customFields?: Record<string, string | string[]>;
  idempotencyKey?: string;
}

function checkChoice(name: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw invalidArgument(`unknown ${name} ${JSON.stringify(value)}`, `use one of: ${allowed.join(", ")}`);
  }
}

function optionalText(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === "" ? undefined : text;
}

async function declareHint(s: OpsSession, error: IncidentIoApiError): Promise<IncidentIoApiError> {
  // Checked as unknown: the type guard would leave nothing for the second check after the first.
  const refused: unknown = error;
  if (isValidationOf(refused, "severity_id")) {
    const severities = await s.lookups.severities().catch((): Severity[] => []);
    return refused.withHint(
      `give a severity (${oneOf(
        "severities",
        severities.map((severity) => severity.name),
      )}), or an incident type that creates incidents in triage`,
    );
  }
  if (isValidationOf(refused, "value_catalog_entry_id")) return refused.withHint(CATALOG_HINT);
  return error;
}

/**
 * A declared incident: made by this call (`created` true), or found, declared earlier by the same input or key;
 * "unknown" when the key may not list incidents, so what was there before cannot be read (or the caller did not
 * ask: `tellCreated: false`).
 */
export interface Declared {
  incident: Incident;
  idempotencyKey: string;
  created: Created;
}

/**
 * Declares an incident. Without `idempotencyKey`, one is derived from the account alias and the normalised input
 * (names resolved to IDs): the same call again while its incident is open, or within minutes, finds that
 * incident; once it closed, the same call declares a new one (`writeOnce`).
 */
export async function declareIncident(
  s: OpsSession,
  input: DeclareInput,
  options: CreateOptions = {},
): Promise<Declared> {
  const name = optionalText(input.name);
  if (name === undefined)
    throw invalidArgument("an incident needs a name", "give a short name for the incident");
  checkChoice("mode", input.mode, ["standard", "test", "retrospective"]);
  checkChoice("visibility", input.visibility, ["public", "private"]);
  if (input.idempotencyKey !== undefined && input.idempotencyKey.trim() === "") {
    throw invalidArgument("the idempotency key is empty", "give a non-empty key, or none to derive one");
  }
  const [severity, status, type, entries] = await Promise.all([
    input.severity === undefined ? undefined : s.lookups.severity(input.severity),
    input.status === undefined ? undefined : s.lookups.status(input.status),
    input.type === undefined ? undefined : s.lookups.incidentType(input.type),
    customFieldEntries(s.lookups, input.customFields),
  ]);
  const summary = optionalText(input.summary);
  const body: Omit<IncidentsCreatePayload, "idempotency_key"> = {
    name,
    visibility: input.visibility ?? (type?.private_incidents_only ? "private" : "public"),
    ...(summary !== undefined ? { summary } : {}),
    ...(input.mode !== undefined ? { mode: input.mode } : {}),
    ...(severity ? { severity_id: severity.id } : {}),
    ...(status ? { incident_status_id: status.id } : {}),
    ...(type ? { incident_type_id: type.id } : {}),
    ...(entries && entries.length > 0 ? { custom_field_entries: entries } : {}),
  };
  const given = input.idempotencyKey?.trim();
  try {
    const { result, idempotencyKey, created } = await writeOnce({
      key: given ?? deriveIdempotencyKey(s.alias, "declare", body),
      derived: given === undefined,
      clock: s.clock,
      write: async (key) => (await s.io.incidents.create({ ...body, idempotency_key: key })).incident,
      createdAt: (incident) => incident.created_at,
      ...(options.tellCreated === false ? {} : { readBefore: () => incidentsBefore(s) }),
      current: (incident) => OPEN_STATUS_CATEGORIES.has(incident.incident_status.category),
      mismatch: (incident) =>
        incident.name === body.name ? undefined : `${incident.reference} ("${incident.name}")`,
    });
    return { incident: result, idempotencyKey, created };
  } catch (error) {
    throw error instanceof IncidentIoApiError ? await declareHint(s, error) : error;
  }
}

export interface EditInput {
  name?: string;
  summary?: string;
  severity?: string;
  status?: string;
  customFields?: Record<string, string | string[]>;
  /** Post the change in the incident's channel; default false. */
  notify?: boolean;
}

async function edit(
  s: OpsSession,
  id: string,
  incident: IncidentEditPayload,
  notify: boolean | undefined,
  from?: IncidentStatus,
): Promise<Incident> {
  try {
    return (await s.io.incidents.edit(id, { notify_incident_channel: notify ?? false, incident })).incident;
  } catch (error) {
    if (isValidationOf(error, "incident_status_id")) throw error.withHint(await statusMoveHint(s, from));
    if (isValidationOf(error, "value_catalog_entry_id")) throw error.withHint(CATALOG_HINT);
    throw error;
  }
}

/** Changes only the fields given; the incident's channel is not notified unless `notify` is true. */
export async function editIncident(s: OpsSession, ref: string, changes: EditInput): Promise<Incident> {
  const [id, severity, status, entries] = await Promise.all([
    incidentIdOf(s, ref),
    changes.severity === undefined ? undefined : s.lookups.severity(changes.severity),
    changes.status === undefined ? undefined : s.lookups.status(changes.status),
    customFieldEntries(s.lookups, changes.customFields),
  ]);
  const payload: IncidentEditPayload = {
    ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
    ...(changes.summary !== undefined ? { summary: changes.summary } : {}),
    ...(severity ? { severity_id: severity.id } : {}),
    ...(status ? { incident_status_id: status.id } : {}),
    ...(entries && entries.length > 0 ? { custom_field_entries: entries } : {}),
  };
  if (payload.name === "") throw invalidArgument("the name cannot be empty", "give a name, or leave it out");
  if (Object.keys(payload).length === 0) {
    throw invalidArgument(
      "nothing to change",
      "give at least one of name, summary, severity, status or custom fields",
    );
  }
  return edit(s, id, payload, changes.notify);
}

/** Moves the incident to any severity, up or down, by name or ID. */
export async function escalateIncident(
  s: OpsSession,
  ref: string,
  severity: string,
  options: { notify?: boolean | undefined } = {},
): Promise<{ incident: Incident; from?: Severity; to: Severity }> {
  const [current, to] = await Promise.all([fetchIncident(s, ref), s.lookups.severity(severity)]);
  const incident = await edit(s, current.id, { severity_id: to.id }, options.notify);
  return { incident, to, ...(current.severity ? { from: current.severity } : {}) };
}

/** Moves the incident to a status by name or ID; incident.io refuses some moves, and the error says which. */
export async function changeStatus(
  s: OpsSession,
  ref: string,
  status: string,
  options: { notify?: boolean | undefined } = {},
): Promise<Incident> {
  const [current, to] = await Promise.all([fetchIncident(s, ref), s.lookups.status(status)]);
  return edit(s, current.id, { incident_status_id: to.id }, options.notify, current.incident_status);
}

const RESOLVED = new Set(["closed", "learning"]);

/** `wanted` (a closed or post-incident status), else the first closed-category status by rank. */
async function closingStatus(s: OpsSession, wanted: string | undefined): Promise<IncidentStatus> {
  const statuses = await s.lookups.statuses();
  const closed = statuses.filter((status) => status.category === "closed");
  const names = closed.map((status) => status.name);
  if (wanted !== undefined) {
    const status = await s.lookups.status(wanted);
    if (RESOLVED.has(status.category)) return status;
    throw invalidArgument(
      `"${status.name}" is a ${status.category} status, so an incident cannot be closed to it`,
      oneOf("closed statuses", names),
    );
  }
  const first = closed[0];
  if (first) return first;
  throw invalidArgument(
    "this organisation has no closed-category status",
    "give the status to close to (a post-incident status), or configure one",
  );
}

/**
 * Closes the incident: to `options.status`, else the session's `closedStatus`, else the first closed-category
 * status by rank. With a `message`, one incident update (`POST /v2/incident_updates`) moves the status and records
 * the message together, so the two cannot come apart; `notify` then does not apply, since an update is meant to be
 * shared. Without one, an edit moves the status, notifying the channel only when `notify` is true. An incident
 * already in that status is returned as it is.
 */
export async function closeIncident(
  s: OpsSession,
  ref: string,
  options: { status?: string | undefined; message?: string | undefined; notify?: boolean | undefined } = {},
): Promise<Incident> {
  const [current, target] = await Promise.all([
    fetchIncident(s, ref),
    closingStatus(s, options.status ?? s.closedStatus),
  ]);
  if (current.incident_status.id === target.id) return current;
  if (options.message !== undefined && options.message.trim() !== "") {
    try {
      await postUpdateTo(
        s,
        current.id,
        { message: options.message, status: target.id },
        { tellCreated: false },
      );
    } catch (error) {
      if (isValidationOf(error, "to_incident_status_id")) {
        throw error.withHint(await statusMoveHint(s, current.incident_status));
      }
      throw error;
    }
    return fetchIncident(s, current.id);
  }
  return edit(s, current.id, { incident_status_id: target.id }, options.notify, current.incident_status);
}
