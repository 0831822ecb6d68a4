import { Caller } from "./caller.js";
import { IncidentKitError } from "./errors.js";
import { paginate as paginatePages } from "./paginate.js";
import type { QueryObject } from "./query.js";
import { Actions } from "./resources/actions.js";
import { AlertEvents } from "./resources/alert-events.js";
import { AlertSources } from "./resources/alert-sources.js";
import { Alerts } from "./resources/alerts.js";
import { CatalogEntries, CatalogResources, CatalogTypes } from "./resources/catalog.js";
import { EscalationPaths, Escalations } from "./resources/escalations.js";
import { FollowUps } from "./resources/follow-ups.js";
import { IncidentAttachments, IncidentRelationships } from "./resources/incident-attachments.js";
import { IncidentMemberships } from "./resources/incident-memberships.js";
import { IncidentUpdates } from "./resources/incident-updates.js";
import { Incidents } from "./resources/incidents.js";
import { PostmortemDocuments } from "./resources/postmortem-documents.js";
import { ScheduleEntries, ScheduleOverrides, Schedules } from "./resources/schedules.js";
import {
  CustomFieldOptions,
  CustomFields,
  IncidentRoles,
  IncidentStatuses,
  IncidentTimestamps,
  IncidentTypes,
  Severities,
} from "./resources/settings.js";
import { Users } from "./resources/users.js";
import { WorkflowRuns, Workflows } from "./resources/workflows.js";
import { Transport, type TransportOptions } from "./transport.js";
import { IdentityResult } from "./types/results.js";
import type { Identity } from "./types/settings.js";

export type IncidentIoOptions = TransportOptions;

export interface RawRequestOptions {
  query?: QueryObject;
  body?: unknown;
  /**
   * Safe to repeat on 5xx and timeouts. When not given, a POST whose body carries an `idempotency_key` counts as
   * idempotent, since incident.io de-duplicates on it.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

/**
 * The incident.io API client: paced to the key's rate limit, retrying where safe, with typed errors and
 * lenient, typed responses.
 */
export class IncidentIo {
  readonly transport: Transport;
  readonly severities: Severities;
  readonly incidentStatuses: IncidentStatuses;
  readonly incidentTypes: IncidentTypes;
  readonly customFields: CustomFields;
  readonly customFieldOptions: CustomFieldOptions;
  readonly incidentRoles: IncidentRoles;
  readonly incidentTimestamps: IncidentTimestamps;
  readonly users: Users;
  readonly incidents: Incidents;
  readonly incidentUpdates: IncidentUpdates;
  readonly alertEvents: AlertEvents;
  readonly alerts: Alerts;
  readonly alertSources: AlertSources;
  readonly catalogTypes: CatalogTypes;
  readonly catalogEntries: CatalogEntries;
  readonly catalogResources: CatalogResources;
  readonly schedules: Schedules;
  readonly scheduleEntries: ScheduleEntries;
  readonly scheduleOverrides: ScheduleOverrides;
  readonly escalationPaths: EscalationPaths;
  readonly escalations: Escalations;
  readonly followUps: FollowUps;
  readonly actions: Actions;
  readonly incidentMemberships: IncidentMemberships;
  readonly incidentAttachments: IncidentAttachments;
  readonly incidentRelationships: IncidentRelationships;
  readonly postmortemDocuments: PostmortemDocuments;
  readonly workflows: Workflows;
  readonly workflowRuns: WorkflowRuns;
  private readonly caller: Caller;

  constructor(options: IncidentIoOptions) {
    this.transport = new Transport(options);
    this.caller = new Caller(this.transport);
    this.severities = new Severities(this.caller);
    this.incidentStatuses = new IncidentStatuses(this.caller);
    this.incidentTypes = new IncidentTypes(this.caller);
    this.customFields = new CustomFields(this.caller);
    this.customFieldOptions = new CustomFieldOptions(this.caller);
    this.incidentRoles = new IncidentRoles(this.caller);
    this.incidentTimestamps = new IncidentTimestamps(this.caller);
    this.users = new Users(this.caller);
    this.incidents = new Incidents(this.caller);
    this.incidentUpdates = new IncidentUpdates(this.caller);
    this.alertEvents = new AlertEvents(this.caller);
    this.alerts = new Alerts(this.caller);
    this.alertSources = new AlertSources(this.caller);
    this.catalogTypes = new CatalogTypes(this.caller);
    this.catalogEntries = new CatalogEntries(this.caller);
    this.catalogResources = new CatalogResources(this.caller);
    this.schedules = new Schedules(this.caller);
    this.scheduleEntries = new ScheduleEntries(this.caller);
    this.scheduleOverrides = new ScheduleOverrides(this.caller);
    this.escalationPaths = new EscalationPaths(this.caller);
    this.escalations = new Escalations(this.caller);
    this.followUps = new FollowUps(this.caller);
    this.actions = new Actions(this.caller);
    this.incidentMemberships = new IncidentMemberships(this.caller);
    this.incidentAttachments = new IncidentAttachments(this.caller);
    this.incidentRelationships = new IncidentRelationships(this.caller);
    this.postmortemDocuments = new PostmortemDocuments(this.caller);
    this.workflows = new Workflows(this.caller);
    this.workflowRuns = new WorkflowRuns(this.caller);
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  /** Who the API key is: its name, roles and organisation (`GET /v1/identity`). */
  async identity(): Promise<Identity> {
    return (await this.caller.json(IdentityResult, "GET", "/v1/identity")).identity;
  }

  /** Any endpoint, unparsed: the escape hatch behind `incidentkit api`. Returns the JSON body (undefined if empty). */
  async request(method: string, path: string, options: RawRequestOptions = {}): Promise<unknown> {
    const idempotent = options.idempotent ?? hasIdempotencyKey(options.body);
    const response = await this.transport.request(method, path, { ...options, idempotent });
    return response.body;
  }

  /**
   * Every item of a cursor-paginated list: `itemsKey` names the array in each page (e.g. "incidents"). Stops when
   * `pagination_meta.after` is absent.
   */
  paginate(
    path: string,
    query: QueryObject = {},
    itemsKey: string,
    options: { limit?: number } = {},
  ): AsyncGenerator<unknown> {
    return paginatePages(async (after) => {
      const body = await this.request("GET", path, { query: { ...query, after } });
      const items = (body as Record<string, unknown> | undefined)?.[itemsKey];
      if (!Array.isArray(items)) {
        throw new IncidentKitError({
          code: "invalid_argument",
          message: `GET ${path} answered without an array at "${itemsKey}"`,
          hint: `check the items key: it is the name of the list in the answer, e.g. "incidents"`,
        });
      }
      const meta = (body as { pagination_meta?: { after?: unknown } }).pagination_meta;
      return { items, after: typeof meta?.after === "string" ? meta.after : undefined };
    }, options.limit);
  }
}

function hasIdempotencyKey(body: unknown): boolean {
  if (body === null || typeof body !== "object") return false;
  const key = (body as { idempotency_key?: unknown }).idempotency_key;
  return typeof key === "string" && key !== "";
}
