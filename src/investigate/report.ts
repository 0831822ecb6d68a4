import { z } from "zod";

/**
 * The findings of one investigation of one incident: what the investigation hands to every publisher (the
 * incident.io summary, Slack, the UI). Each claim carries the evidence behind it, so a responder can check it.
 * The schema is kept with the type so a stored report can be read back and checked.
 */

const Iso = z.iso.datetime({ offset: true });
const Link = z.url({ protocol: /^https?$/ }).nullable();

export const CONFIDENCES = ["low", "medium", "high"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const ReportIncidentSchema = z.object({
  /** incident.io's incident ID. */
  id: z.string().min(1),
  /** "INC-123". */
  reference: z.string().min(1),
  name: z.string(),
  /** Higher rank is more severe, as incident.io orders severities; null when the incident has none. */
  severity: z.object({ name: z.string(), rank: z.number() }).nullable(),
  /** "P1", from the severity → priority mapping; null when the mapping does not name the severity. */
  priority: z.string().nullable(),
  status: z.object({ name: z.string(), category: z.string() }),
  /** The incident's page in incident.io. */
  permalink: Link,
  createdAt: Iso,
});

export const EvidenceSchema = z.object({
  /** One line a person reads: "p99 latency of payments-api rose at 14:03". */
  text: z.string().min(1),
  /** Where it can be checked (a change, a dashboard, another incident). */
  link: Link.optional(),
});

export const ProbableCauseSchema = z.object({
  title: z.string().min(1),
  confidence: z.enum(CONFIDENCES),
  evidence: z.array(EvidenceSchema),
});

export const SimilarFindingSchema = z.object({
  id: z.string().min(1),
  reference: z.string().min(1),
  name: z.string(),
  /** 0..1. */
  score: z.number().min(0).max(1),
  /** Strongest first: "same service: payments-api", "shared terms: connection pool". */
  reasons: z.array(z.string()),
  /**
   * How it was resolved, as its incident says (a cause or fix field, else the update that resolved it); null
   * when it is not resolved or nothing says.
   */
  resolution: z.string().nullable(),
  /** "Closed", "Resolved"… */
  status: z.string(),
  /** False while it is not resolved (open, paused, declined…); absent in reports made before this was kept. */
  resolved: z.boolean().optional(),
  permalink: Link,
});

export const ChangeFindingSchema = z.object({
  /** The service's name as a person knows it: `payments-api`. */
  service: z.string().min(1),
  /** deploy | feature_flag | config | other (unknown kinds kept). */
  kind: z.string().min(1),
  description: z.string(),
  author: z.string().nullable(),
  link: Link,
  happenedAt: Iso,
  /** How long before the incident was created it happened (ms, never negative). */
  leadMs: z.number().min(0),
  /** The change was to a dependency of one of the incident's services, not to one of its own. */
  viaDependency: z.boolean(),
  /** The incident's services this one is a dependency of; empty when it is one of the incident's own. */
  dependencyOf: z.array(z.string()).default([]),
  /** Where it was deployed, when the sender said; absent on reports made before environments were recorded. */
  environment: z.string().nullable().optional(),
  /** False when it did not reach production (staging, a preview): it then weighs less as a cause. Absent: true. */
  production: z.boolean().optional(),
});

/** A follow-up a similar past incident left, as the report lists it. */
export const PastFollowUpSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  /** outstanding, completed or not_doing (a status incident.io adds later is kept as it says). */
  status: z.string().min(1),
  /** The person's name, else the team's; null when it is unassigned. */
  assignee: z.string().nullable(),
  /** "High"; null when it has none. */
  priority: z.string().nullable(),
  /** The issue it is tracked as ("PAY-123") and its link; null when it is tracked in incident.io alone. */
  issue: z.object({ name: z.string(), link: Link }).nullable(),
});

/** The follow-ups of one similar past incident: "last time this happened, these were the follow-ups". */
export const SimilarFollowUpsSchema = z.object({
  incidentId: z.string().min(1),
  reference: z.string().min(1),
  name: z.string(),
  permalink: Link,
  /** Still open first, then the more urgent, then the newest; at most a few (see `total`). */
  followUps: z.array(PastFollowUpSchema),
  /** How many it has in all, and how many of them are still outstanding. */
  total: z.number().int().min(0),
  outstanding: z.number().int().min(0),
});

export const PastFollowUpsSchema = z.object({
  /** In the order of the similar incidents: those with any follow-ups. */
  incidents: z.array(SimilarFollowUpsSchema),
  /** References of similar incidents whose follow-ups could not be read (`warnings` says why). */
  unread: z.array(z.string()),
});

export const FindingsReportSchema = z.object({
  incident: ReportIncidentSchema,
  generatedAt: Iso,
  /** One paragraph: what happened and what the investigation found. */
  summary: z.string(),
  /** Most likely first. */
  probableCauses: z.array(ProbableCauseSchema),
  /** Best first. */
  similarIncidents: z.array(SimilarFindingSchema),
  /** Newest first. */
  changes: z.array(ChangeFindingSchema),
  suggestedNextSteps: z.array(z.string().min(1)),
  /** The follow-ups of the similar incidents; absent in reports made before they were read. */
  pastFollowUps: PastFollowUpsSchema.optional(),
  /** What the investigation could not read: the report was made without it. Absent when there was nothing. */
  warnings: z.array(z.string().min(1)).optional(),
});

export type ReportIncident = z.infer<typeof ReportIncidentSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export type ProbableCause = z.infer<typeof ProbableCauseSchema>;
export type SimilarFinding = z.infer<typeof SimilarFindingSchema>;
export type ChangeFinding = z.infer<typeof ChangeFindingSchema>;
export type PastFollowUp = z.infer<typeof PastFollowUpSchema>;
export type SimilarFollowUps = z.infer<typeof SimilarFollowUpsSchema>;
export type PastFollowUps = z.infer<typeof PastFollowUpsSchema>;
export type FindingsReport = z.infer<typeof FindingsReportSchema>;
/** A report as a builder writes it: `dependencyOf` may be left out. */
export type FindingsReportInput = z.input<typeof FindingsReportSchema>;

/** Checks a report (e.g. one read back from the store); throws zod's error, whose issues carry the path. */
export function parseFindingsReport(value: unknown): FindingsReport {
  return FindingsReportSchema.parse(value);
}
