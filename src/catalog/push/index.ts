/** `catalog push`: the Backstage catalog into incident.io's catalog. */

export {
  customTypeName,
  DEFAULT_PUSH_KINDS,
  DEFAULT_SYNC_ID,
  KIND_ANNOTATION,
  PUSH_KINDS,
  type PushKind,
  pushKindNamed,
  SYNC_ID_ANNOTATION,
  TYPE_LOOKS,
} from "./kinds.js";
export type { PushSettings } from "./plan.js";
export { type PushOptions, type PushReport, pushCatalog, type TypeReport } from "./push.js";
export { describePush, pushJson } from "./report.js";
