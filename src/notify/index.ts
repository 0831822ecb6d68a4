export { type Block, SLACK_LIMITS, type SlackMessage } from "./block-kit.js";
export { escapeMrkdwn, mrkdwnLink } from "./mrkdwn.js";
export { redactSlack } from "./redact.js";
export { type RenderOptions, renderFindings } from "./slack-blocks.js";
export {
  meetsMinSeverity,
  parseSlackConfig,
  type SlackConfig,
  SlackConfigSchema,
  slackConfigFrom,
  slackSenderFor,
} from "./slack-config.js";
export { SlackConfigError, SlackDeliveryError, type SlackVia } from "./slack-errors.js";
export type { SlackHttpOptions, SlackSendEvent } from "./slack-http.js";
export {
  MemoryPostLedger,
  type PostLedger,
  type PublishOptions,
  type PublishOutcome,
  reportDigest,
  SlackPublisher,
  slackDedupeKey,
} from "./slack-publisher.js";
export {
  type BotDestination,
  botSender,
  SLACK_API_BASE_URL,
  type SlackReceipt,
  type SlackSender,
  webhookSender,
} from "./slack-sender.js";
