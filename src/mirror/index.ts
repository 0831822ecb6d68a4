/** The incident mirror: every incident of each account in the hub's database, kept current. */

export { type BackfillOptions, type BackfillProgress, type BackfillResult, backfill } from "./backfill.js";
export { type FlattenContext, flattenIncident, flattenValue } from "./flatten.js";
export {
  incidentKey,
  type MirroredCustomField,
  type MirroredFieldValue,
  type MirroredIncident,
} from "./incident.js";
export {
  countMirroredIncidents,
  getMirroredIncident,
  getMirroredRaw,
  listMirroredIncidents,
  type MirrorFilter,
  type MirrorKey,
  type MirrorPage,
  upsertMirroredIncident,
} from "./incident-store.js";
export { Mirror, type MirrorOptions, type SyncOutcome } from "./mirror.js";
export {
  DEFAULT_RECONCILE_MARGIN_MS,
  type ReconcileOptions,
  type ReconcileResult,
  reconcile,
} from "./reconcile.js";
export { refreshIncident } from "./refresh.js";
export { resolvedAt } from "./resolved-at.js";
export { MIRROR_PAGE_SIZE, type MirrorSource } from "./source.js";
export type { SyncError } from "./sync-error.js";
export { type AccountSyncStatus, syncStatus } from "./sync-status.js";
