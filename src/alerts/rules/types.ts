import type { AlertState } from "../event.js";
import type { LabelPattern } from "./pattern.js";
import type { Template } from "./template.js";

/** A day of the week, Monday first, as the rules file writes it. */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** A daily window in wall-clock minutes since midnight; `to` at or before `from` runs past midnight. */
export interface DailyWindow {
  days: Weekday[];
  fromMinute: number;
  toMinute: number;
}

export interface AbsoluteBlackout {
  kind: "absolute";
  from: Date;
  to: Date;
  reason?: string;
}

export interface WeeklyBlackout extends DailyWindow {
  kind: "weekly";
  reason?: string;
}

export type Blackout = AbsoluteBlackout | WeeklyBlackout;

export interface RuleMatch {
  /** Lower-cased; any source when absent. */
  sources?: string[];
  /** Lower-cased; any severity when absent. */
  severities?: string[];
  /** What a firing alert reports (`firing`, Grafana's `nodata` or `error`); any when absent. */
  states?: AlertState[];
  labels: Record<string, string>;
  labelsMatch: Array<{ label: string; pattern: LabelPattern }>;
}

export interface IncidentTemplate {
  name: Template;
  severity?: string;
  type?: string;
  mode: "standard" | "test";
  customFields: Array<{ field: string; value: Template }>;
  summary?: Template;
}

export interface Suppression {
  /** Act only inside this window. */
  schedule?: DailyWindow;
  /** Never act inside these. */
  blackouts: Blackout[];
  cooldownMs?: number;
  dailyCap?: number;
}

/**
 * How a rule's alerts become incidents: one per notification group (Alertmanager's and Grafana's `groupKey`),
 * one per alert, or one per set of values of these labels.
 */
export type GroupBy = "notification" | "alert" | { labels: string[] };

export type RuleAction = "open_incident" | "record_only" | "forward_to_alert_source";

export interface Rule {
  name: string;
  match: RuleMatch;
  action: RuleAction;
  /** Absent: the format's way (`notification` for Alertmanager and Grafana, `alert` for the generic format). */
  groupBy?: GroupBy;
  /**
   * For `forward_to_alert_source`: the incident.io HTTP alert source the alerts go to, and the variable holding
   * its secret token (read when the alert is sent, never stored).
   */
  forward?: { alertSourceConfigId: string; tokenEnv: string };
  incident: IncidentTemplate;
  suppress: Suppression;
}

export interface RuleSet {
  /** The file name errors and history mention. */
  file: string;
  /** IANA time zone for schedules, weekly blackouts and the daily cap's day. */
  timezone: string;
  defaults: {
    /** How long after an incident closed a new firing alert re-opens it rather than opening another. */
    reopenAfterMs: number;
  };
  /** In file order: the first rule that matches an event decides. */
  rules: Rule[];
}

/** What the store knows about incidents already opened; `decide` reads it, never writes. */
export interface SuppressionHistory {
  lastOpenedAt(dedupKey: string, source: string): Date | undefined;
  /** Incidents the rule opened since the start of today, the day in the rules' time zone. */
  openedToday(rule: string): number;
}

export interface IncidentRequest {
  name: string;
  severity?: string;
  type?: string;
  mode: "standard" | "test";
  customFields: Record<string, string>;
  summary?: string;
}

export interface Decision {
  action: "open_incident" | "record_only" | "suppressed" | "resolve" | "forward";
  rule?: string;
  /** A plain sentence for the alert's history. */
  reason: string;
  incident?: IncidentRequest;
}
