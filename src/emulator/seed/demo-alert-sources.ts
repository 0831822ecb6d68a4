import { alertSourceRecord } from "../alert-sources.js";
import type { AlertSourceRecord } from "../model.js";
import { Random } from "./random.js";

/** Acme Cloud's HTTP alert sources: where its hub forwards alerts, and where its uptime checker posts. */
export const DEMO_ALERT_SOURCES = ["incidentkit hub", "Uptime checks"] as const;

/**
 * The sources, set up with the organisation. Their IDs come from a generator of their own, so adding them left
 * every other seeded ID as it was; their secrets are random, like API key tokens.
 */
export function demoAlertSources(seed: number, createdAtMs: number): AlertSourceRecord[] {
  const rng = new Random(seed ^ 0x5eed_a1e7);
  return DEMO_ALERT_SOURCES.map((name) => alertSourceRecord(name, createdAtMs, rng.id(createdAtMs)));
}
