import type { AlertIntake } from "../alerts/intake-queue.js";
import type { RuleSet } from "../alerts/rules/index.js";
import type { Activity } from "../shared/activity.js";
import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { Leadership, Store } from "../store/index.js";
import type { HubConfig } from "./config.js";
import type { HubMetrics } from "./metrics.js";

/** What the hub's routes share. */
export interface HubContext {
  config: HubConfig;
  store: Store;
  rules: RuleSet;
  /** Accepts each request's alerts, together with those of the requests arriving meanwhile. */
  intake: AlertIntake;
  /** Alert requests under way, from their first byte to their answer: the web UI's pages give way to them. */
  intakeActivity: Activity;
  clock: Clock;
  metrics: HubMetrics;
  leadership: Leadership;
  /** Tells the outbox worker there is work, without waiting for it. */
  nudge(): void;
  /** The hub's log: failures through `logFailure` (log.ts), once each, where they are handled. */
  log: Logger;
}
