/**
 * `incidentkit/hub`: the alert hub in a program of one's own. `createHub` takes what `incidentkit up` builds
 * before it: the config (`loadHubConfig`), the database (`openStore`), the rules (`loadRules`) and a session on the
 * hub's incident.io account (`openSession` over an `IncidentIo` client from `incidentkit`); and, to log other than
 * JSON lines on stderr at info, a logger (`createLogger`).
 */

export { loadRules, type RuleSet, RulesError } from "../alerts/rules/index.js";
export { DirectoryError } from "../app/directory.js";
export { type OpsSession, openSession } from "../ops/index.js";
export { createLogger, type Logger, type LoggerOptions, type LogLevel } from "../shared/logger.js";
export { openStore, type Store, type StoreLocation, type StoreOptions } from "../store/index.js";
export { WEBHOOK_PATH } from "../webhooks/index.js";
export {
  type HubConfig,
  HubConfigError,
  type HubConfigOptions,
  type HubSource,
  loadHubConfig,
} from "./config.js";
export { createHub, type Hub, type HubOptions } from "./create-hub.js";
