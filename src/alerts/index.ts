export { type AcceptedAlert, acceptAlerts, type CloseBody, type DeclareBody } from "./accept.js";
export type { AlertEvent, AlertStatus } from "./event.js";
export { type DeliveryFailure, describeFailure, FIXES } from "./fixes.js";
export { declareIdempotencyKey, groupKeyOf } from "./groups.js";
export { loadHistory, PrefetchedHistory } from "./history.js";
export { type BackoffOptions, OutboxWorker, type OutboxWorkerOptions } from "./outbox.js";
