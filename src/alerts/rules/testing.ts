import { withoutUndefined } from "../../shared/defined.js";
import type { AlertEvent } from "../event.js";
import { loadRules } from "./load.js";
import type { RuleSet, SuppressionHistory } from "./types.js";

/** What a test may change of an alert: a property given as undefined removes the default, as an intake would. */
type AlertOverrides = { [K in keyof AlertEvent]?: AlertEvent[K] | undefined };

/** A firing alert with sensible defaults, for tests. */
export function alert(overrides: AlertOverrides = {}): AlertEvent {
  const defaults: AlertEvent = {
    source: "prometheus",
    dedupKey: "db-down",
    status: "firing",
    title: "Database down",
    severity: "critical",
    labels: { env: "production", service: "payments-api" },
  };
  return withoutUndefined({ ...defaults, ...overrides }) as AlertEvent;
}

export function rulesFrom(yaml: string): RuleSet {
  return loadRules(yaml, "rules.yaml");
}

/** History kept as a plain list of incidents opened, the way the store will answer. */
export class RecordedHistory implements SuppressionHistory {
  readonly opened: Array<{ rule: string; source: string; dedupKey: string; at: Date }> = [];

  record(rule: string, at: string, dedupKey = "db-down", source = "prometheus"): this {
    this.opened.push({ rule, source, dedupKey, at: new Date(at) });
    return this;
  }

  lastOpenedAt(dedupKey: string, source: string): Date | undefined {
    const times = this.opened
      .filter((entry) => entry.dedupKey === dedupKey && entry.source === source)
      .map((entry) => entry.at.getTime());
    return times.length === 0 ? undefined : new Date(Math.max(...times));
  }

  /** Every incident recorded counts as today's: where the day starts is the store's question (see history.ts). */
  openedToday(rule: string): number {
    return this.opened.filter((entry) => entry.rule === rule).length;
  }
}
