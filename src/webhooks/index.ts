export type { IncidentWebhookEvent } from "./event.js";
export { WEBHOOK_PATH, type WebhookApp, type WebhookRoutesOptions, webhookRoutes } from "./routes.js";
export {
  TIMESTAMP_TOLERANCE_SECONDS,
  type VerifiedDelivery,
  WebhookRejected,
  WebhookVerifier,
} from "./verify.js";
