/** Operations in incident.io's words, shared by the CLI and MCP faces. */

export { type AccountCheck, KEY_USES, type KeyUse, verifyAccount } from "./accounts.js";
export {
  type ActionChanges,
  type ActionInput,
  type ActionList,
  createAction,
  getAction,
  listActions,
  updateAction,
} from "./actions.js";
export {
  type Attached,
  type AttachInput,
  attachToIncident,
  type Detached,
  listAttachments,
  removeAttachment,
} from "./attachments.js";
export {
  CONTEXT_ATTACHMENTS,
  CONTEXT_RELATED,
  type IncidentContext,
  incidentContext,
} from "./context.js";
export {
  type FieldWithOptions,
  getCustomField,
  hasOwnOptions,
  listCustomFields,
} from "./custom-fields.js";
export { describePath, getEscalationPath, listEscalationPaths, type PathStep } from "./escalation-paths.js";
export {
  acknowledgedBy,
  cancelEscalation,
  type EscalationsQuery,
  getEscalation,
  listEscalations,
  notifiedNames,
} from "./escalations.js";
export {
  addFieldOption,
  type OptionChange,
  removeFieldOption,
  renameFieldOption,
} from "./field-options.js";
export { appendFinding, type Finding } from "./findings.js";
export {
  type ConnectedIssue,
  type CreatedFollowUp,
  connectFollowUpIssue,
  createFollowUp,
  type FollowUpChanges,
  type FollowUpInput,
  type FollowUpList,
  getFollowUp,
  listFollowUps,
  updateFollowUp,
} from "./follow-ups.js";
export { deriveIdempotencyKey } from "./idempotency.js";
export type { IncidentQuery } from "./incident-query.js";
export { type IncidentRef, isIncidentIoHost, parseIncidentRef } from "./incident-ref.js";
export {
  changeStatus,
  closeIncident,
  type Declared,
  type DeclareInput,
  declareIncident,
  type EditInput,
  editIncident,
  escalateIncident,
  getIncident,
  listIncidents,
} from "./incidents.js";
export { Lookups } from "./lookups.js";
export {
  type AccessChange,
  grantIncidentAccess,
  revokeIncidentAccess,
} from "./memberships.js";
export {
  type LayerOnCall,
  type OnCallAnswer,
  type OnCallSubject,
  onCallSubject,
  type Person,
  type ScheduleOnCall,
  type Shift,
  whoIsOnCall,
} from "./oncall.js";
export { layerText, localTime, onCallText } from "./oncall-text.js";
export { momentOf } from "./oncall-time.js";
export { DEFAULT_LIMIT, type Page } from "./pages.js";
export { type Paged, type PageInput, type PageWho, page, pageWho } from "./paging.js";
export {
  getPostmortem,
  listPostmortems,
  POSTMORTEM_MAX_CHARS,
  type Postmortem,
} from "./postmortems.js";
export { listRelatedIncidents, type RelatedIncident } from "./related.js";
export { assignRole, type RoleChange, unassignRole } from "./roles.js";
export {
  createScheduleOverride,
  deleteScheduleOverride,
  listScheduleOverrides,
  type NamedOverride,
  type OverrideInput,
  type OverrideRemoval,
} from "./schedule-overrides.js";
export { type EntriesWindow, getSchedule, listScheduleEntries, listSchedules } from "./schedules.js";
export {
  SEARCH_DEFAULT_PAGES,
  SEARCH_MAX_PAGES,
  type SearchOptions,
  type SearchResult,
  type SearchStop,
  searchIncidents,
} from "./search.js";
export { type OpsSession, openSession } from "./session.js";
export { listUpdates, type PostedUpdate, postUpdate, type UpdateInput } from "./updates.js";
export { getUser, listIncidentRoles, listUsers } from "./users.js";
export {
  actionCreatedText,
  followUpCreatedText,
  issueConnectedText,
  workUpdatedText,
} from "./work-item-outcome.js";
export {
  DEFAULT_WORK_LIMIT,
  INCIDENT_MODES,
  type IncidentName,
  SETTABLE_STATUSES,
  type WorkItemQuery,
} from "./work-items.js";
export { getWorkflow, listWorkflowRuns, listWorkflows } from "./workflows.js";
export { declaredText, pagedWords, postedText } from "./write-outcome.js";
