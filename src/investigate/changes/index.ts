export {
  CHANGE_KINDS,
  CHANGE_SOURCES,
  type Change,
  type ChangeJson,
  type ChangeKind,
  type ChangeSource,
  changeJson,
  serviceName,
} from "./change.js";
export {
  type ChangeCorrelation,
  type ChangeDirectory,
  type CorrelatedChange,
  type CorrelateOptions,
  correlateChanges,
  DEFAULT_CHANGE_WINDOW_MS,
  NON_PRODUCTION_WEIGHT,
} from "./correlate.js";
export {
  DEFAULT_PRODUCTION_ENVIRONMENTS,
  type EnvironmentFlags,
  ProductionEnvironments,
} from "./environments.js";
export { changeFromGithub, type GithubDelivery, githubSignature, githubSignatureValid } from "./github.js";
export { type ChangeBody, HubChanges, type HubChangesOptions } from "./hub-client.js";
export { type ChangeInput, type FieldError, parseChangeBody } from "./input.js";
export { type ChangeQuery, listChanges } from "./queries.js";
export { changeReason, describeLead } from "./reasons.js";
export { type Recorded, type RecordOptions, recordChange } from "./record.js";
export { type ChangeTarget, ServiceNames } from "./services.js";
