/**
 * The view models of the investigation pages: one incident (`/incidents/:id`) and the analytics (`/analytics`).
 * Plain data, as in model.ts.
 */
import type { MttrReport } from "../../investigate/analytics/index.js";
import type { IncidentRow, MonthlyIncidents, NamedLink, SeverityLabel } from "./model.js";

/** One entry of an incident's updates timeline: what the update set, and whether that was a change. */
export interface TimelineEntry {
  /** ISO 8601. */
  at: string;
  /** Who posted it: a user, an API key, a workflow; "someone" when incident.io does not say. */
  by: string;
  status: { name: string; changed: boolean };
  /** Null when the update carries no severity. */
  severity: { name: string; changed: boolean } | null;
  message: string | null;
}

/** The timeline read from incident.io, or why it could not be. */
export type Timeline = { state: "ok"; entries: TimelineEntry[] } | { state: "unavailable"; reason: string };

export interface SimilarIncidentView {
  incident: IncidentRow;
  /** 0..1. */
  score: number;
  /** "same service: Checkout", "shared terms: connection pool", "3 days earlier". */
  reasons: string[];
  /** How it ended: status, time to resolve, and once resolved what its cause or fix fields say. */
  resolution: {
    status: string;
    timeToResolveSeconds: number | null;
    notes: string[];
  };
}

export interface ChangeView {
  id: string;
  kind: string;
  /** The service changed, as a link when the catalog has it. */
  service: NamedLink;
  /** The incident's services this one is a dependency of; empty when it is one of the incident's own. */
  viaDependencyOf: NamedLink[];
  description: string;
  /** "deploy to payments 25 min before". */
  reason: string;
  link: string | null;
  author: string | null;
  /** ISO 8601. */
  happenedAt: string;
}

/** The latest stored investigation of the incident, as the findings section shows it. */
export interface FindingsView {
  /** ISO 8601. */
  at: string;
  summary: string;
  /** Most likely first, each with the evidence behind it. */
  causes: Array<{
    title: string;
    confidence: string;
    evidence: Array<{ text: string; link: string | null }>;
  }>;
  nextSteps: string[];
  /** "Last time this happened": the follow-ups of the similar incidents; null when they were not read. */
  pastFollowUps: PastFollowUpsView | null;
  /** What the investigation could not read. */
  warnings: string[];
}

/** The follow-ups of the similar incidents, as the findings section lists them. */
export interface PastFollowUpsView {
  /** "7 follow-ups from 3 similar incidents; 2 are still open"; null when none were found. */
  headline: string | null;
  incidents: Array<{
    reference: string;
    name: string;
    permalink: string | null;
    total: number;
    outstanding: number;
    followUps: Array<{
      title: string;
      status: string;
      priority: string | null;
      assignee: string | null;
      issue: { name: string; link: string | null } | null;
    }>;
  }>;
  /** References of similar incidents whose follow-ups could not be read. */
  unread: string[];
}

export interface IncidentPageModel {
  /**
   * `summary`: Markdown, as the page shows it: without the findings blocks incidentkit appended when the page
   * shows findings of its own (`findingsInSummary` then says blocks were left out), so they are not read twice.
   */
  incident: IncidentRow & { summary: string | null; findingsInSummary: boolean; type: string | null };
  /** e.g. "P1", from the severity → priority mapping; null without a severity. */
  priority: string | null;
  severities: SeverityLabel[];
  timeline: Timeline;
  similar: { results: SimilarIncidentView[]; threshold: number; considered: number };
  /** The changes to the incident's services (and their dependencies) in the window before it. */
  changes: { windowHours: number; from: string; to: string; items: ChangeView[] };
  /** Null: no investigation has been stored for this incident yet. */
  findings: FindingsView | null;
}

export type AnalyticsGrouping = "service" | "team";

/** What the analytics form asks for. */
export interface AnalyticsQuery {
  /** "90d", "12w", "36h". */
  since: string;
  by: AnalyticsGrouping;
  /** The account reported on, when the hub serves several (organisations are never pooled); else null. */
  account: string | null;
}

export interface AnalyticsPageModel {
  query: AnalyticsQuery;
  /** The accounts to choose from, when the hub serves several; else empty. */
  accounts: string[];
  /** What was wrong with the query as given; the defaults were used instead. */
  problems: string[];
  window: { from: string; to: string };
  /** Time to resolve by severity, each with its priority. */
  bySeverity: MttrReport;
  /** By service or team; null when the hub has no catalog to group by. */
  byGroup: MttrReport | null;
  /** Incidents created per month of the window, by severity. */
  perMonth: MonthlyIncidents;
}
