/** The incident.io client: the only code in incidentkit that speaks HTTP to incident.io. */

export {
  type Account,
  type AccountSources,
  API_KEY_ENV_NAMES,
  BASE_URL_ENV_NAME,
  describeKey,
  ENV_ALIAS,
  type Environment,
  type LoadedAccounts,
  loadAccounts,
  type NewAccount,
  removeAccount,
  resolveAccount,
  saveAccount,
  setDefaultAccount,
  type UnavailableAccount,
} from "./accounts.js";
export { type AccountEntry, type AccountsFile, ALIAS_PATTERN } from "./accounts-file.js";
export { type AlertsListFilter, alertsListQuery } from "./alert-filters.js";
export { checkBaseUrl, DEFAULT_BASE_URL } from "./base-url.js";
export { IncidentIo, type IncidentIoOptions, type RawRequestOptions } from "./client.js";
export {
  type ApiErrorCode,
  ConfigError,
  type FieldError,
  IncidentIoApiError,
  IncidentIoTransportError,
  IncidentKitError,
  InvalidResponseError,
  type RateLimitInfo,
  RateLimitWaitError,
} from "./errors.js";
export { type DateFilter, type IdList, type IncidentsListFilter, incidentsListQuery } from "./filters.js";
export { MAX_PAGE_SIZE } from "./paginate.js";
export { encodeQuery, type QueryObject } from "./query.js";
export { INCIDENT_IO_RATE_LIMIT, type RateGate, type RateGates } from "./rate-limiter.js";
export { redact } from "./redact.js";
export type { ActionsFilter } from "./resources/actions.js";
export type { CreateHttpAlertEventOptions } from "./resources/alert-events.js";
export { ALERTS_MAX_PAGE_SIZE, type AlertsPage } from "./resources/alerts.js";
export {
  CATALOG_BULK_UPDATE_MAX,
  type CatalogEntriesFilter,
  type CatalogEntriesPage,
} from "./resources/catalog.js";
export {
  ESCALATION_PATHS_MAX_PAGE_SIZE,
  ESCALATIONS_MAX_PAGE_SIZE,
  type EscalationsListFilter,
  escalationsListQuery,
  type PageDetails,
  type PageTarget,
} from "./resources/escalations.js";
export type { FollowUpsFilter } from "./resources/follow-ups.js";
export type {
  IncidentAttachmentsFilter,
  IncidentRelationshipsPage,
} from "./resources/incident-attachments.js";
export type { IncidentUpdatesFilter, IncidentUpdatesPage } from "./resources/incident-updates.js";
export { type IncidentsPage, incidentPathId } from "./resources/incidents.js";
export type { PostmortemDocumentsFilter, PostmortemDocumentsPage } from "./resources/postmortem-documents.js";
export type {
  ScheduleEntriesWindow,
  ScheduleOverridesFilter,
  SchedulesPage,
} from "./resources/schedules.js";
export type { UsersListFilter } from "./resources/users.js";
export {
  WORKFLOW_RUNS_MAX_PAGE_SIZE,
  type WorkflowRunsFilter,
  type WorkflowRunsPage,
} from "./resources/workflows.js";
export { roleForScope, scopeForOperation } from "./scopes.js";
export { type RequestEvent, type RequestOptions, Transport, type TransportOptions } from "./transport.js";
export * from "./types/alerts.js";
export * from "./types/attachments.js";
export * from "./types/catalog.js";
export * from "./types/catalog-payloads.js";
export * from "./types/common.js";
export * from "./types/escalations.js";
export * from "./types/follow-up-payloads.js";
export * from "./types/follow-ups.js";
export * from "./types/incident.js";
export * from "./types/memberships.js";
export * from "./types/oncall-payloads.js";
export type { OpenEnum } from "./types/open-enum.js";
export * from "./types/payloads.js";
export * from "./types/postmortems.js";
export * from "./types/results.js";
export * from "./types/schedules.js";
export * from "./types/settings.js";
export * from "./types/user.js";
export * from "./types/workflows.js";
