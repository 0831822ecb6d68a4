import type { SeverityName } from "./organisation.js";
import type { Random } from "./random.js";

/**
 * An incident's life as a sequence of dated steps, before any record exists. Each step becomes an incident
 * update; the incident's timestamps and final status are read off the same plan, so they can't disagree.
 */

export type Outcome =
  | "closed"
  | "learning"
  | "live"
  | "paused"
  | "triage"
  | "declined"
  | "merged"
  | "canceled";

export type StepKind = "status" | "progress" | "severity";

export interface Step {
  at: number;
  /** The status the incident is in after this step. */
  status: string;
  kind: StepKind;
  /** Set when this step changes the severity. */
  severity?: SeverityName;
  /** What the message should talk about. */
  topic:
    | "accept"
    | "finding"
    | "fixing"
    | "monitoring"
    | "resolve"
    | "close"
    | "decline"
    | "merge"
    | "cancel"
    | "pause"
    | "triage"
    | "severity"
    | "retrospective";
}

export interface Lifecycle {
  createdAt: number;
  initialStatus: string;
  initialSeverity: SeverityName;
  finalSeverity: SeverityName;
  finalStatus: string;
  steps: Step[];
  impactStartedAt?: number;
  acceptedAt?: number;
  resolvedAt?: number;
  closedAt?: number;
}

export interface LifecyclePlan {
  createdAt: number;
  now: number;
  outcome: Outcome;
  severity: SeverityName;
  startsInTriage: boolean;
  retrospective?: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const RANKS: SeverityName[] = ["Minor", "Major", "Critical"];

/** Time from accepted to resolved: minutes to days, longer tails for worse incidents. */
const RESOLUTION_RANGE: Record<SeverityName, [number, number]> = {
  Minor: [8 * MINUTE, 30 * HOUR],
  Major: [15 * MINUTE, 2 * DAY],
  Critical: [25 * MINUTE, 4 * DAY],
};

export function planLifecycle(rng: Random, plan: LifecyclePlan): Lifecycle {
  const { createdAt, now, severity } = plan;
  const rank = RANKS.indexOf(severity);
  // Some incidents are declared at a lower severity and escalated once the impact is clear.
  const escalates = rank > 0 && rng.chance(0.15);
  const initialSeverity = escalates ? (RANKS[rank - 1] as SeverityName) : severity;
  const impactStartedAt = rng.chance(0.8)
    ? createdAt - Math.round(rng.logUniform(MINUTE, 2 * HOUR))
    : createdAt;
  const life: Lifecycle = {
    createdAt,
    initialStatus: plan.startsInTriage ? "Triage" : "Investigating",
    initialSeverity,
    finalSeverity: initialSeverity,
    finalStatus: plan.startsInTriage ? "Triage" : "Investigating",
    steps: [],
    impactStartedAt,
  };
  // Nothing can have happened after `now`; clamping keeps steps in order because every step is clamped alike.
  const step = (at: number, status: string, topic: Step["topic"], kind: StepKind = "status"): Lifecycle => {
    life.steps.push({ at: Math.round(Math.min(at, now - MINUTE / 2)), status, topic, kind });
    life.finalStatus = status;
    return life;
  };

  if (plan.retrospective) return retrospective(rng, life, severity);

  let at = createdAt;
  if (plan.startsInTriage) {
    const waited = rng.logUniform(2 * MINUTE, 3 * HOUR);
    if (plan.outcome === "triage") {
      step(createdAt + (now - createdAt) * rng.next() * 0.8, "Triage", "triage", "progress");
      return life;
    }
    if (plan.outcome === "declined") return step(createdAt + waited, "Declined", "decline");
    if (plan.outcome === "merged") return step(createdAt + waited, "Merged", "merge");
    at = createdAt + Math.min(waited, 45 * MINUTE, (now - createdAt) * 0.3);
    step(at, "Investigating", "accept");
  }
  life.acceptedAt = at;

  if (plan.outcome === "canceled")
    return step(at + rng.logUniform(3 * MINUTE, 40 * MINUTE), "Canceled", "cancel");

  const [min, max] = RESOLUTION_RANGE[severity];
  const ongoing = plan.outcome === "live" || plan.outcome === "paused";
  // Ongoing incidents spread their updates up to now; finished ones must have resolved before now.
  const duration = ongoing ? now - at : Math.min(rng.logUniform(min, max), (now - at) * 0.9);
  const phases = livePhases(rng, plan.outcome);
  const escalateAt = at + duration * rng.next() * 0.3;
  let escalated = !escalates;
  for (const phase of phases) {
    const when = at + duration * phase.fraction;
    if (!escalated && escalateAt <= when) {
      life.steps.push({
        at: Math.round(escalateAt),
        status: life.finalStatus,
        topic: "severity",
        kind: "severity",
        severity,
      });
      life.finalSeverity = severity;
      escalated = true;
    }
    if (phase.status === life.finalStatus) step(when, phase.status, phase.topic, "progress");
    else step(when, phase.status, phase.topic);
  }
  if (!escalated) {
    const last = life.steps.at(-1);
    const when = Math.max(Math.round(escalateAt), last?.at ?? 0);
    life.steps.push({ at: when, status: life.finalStatus, topic: "severity", kind: "severity", severity });
    life.finalSeverity = severity;
  }
  if (ongoing) return life;

  const resolvedAt = at + duration;
  life.resolvedAt = Math.round(resolvedAt);
  const postIncidentFlow = severity !== "Minor" || rng.chance(0.3);
  if (!postIncidentFlow) {
    step(resolvedAt, "Closed", "resolve");
    life.closedAt = life.resolvedAt;
    return life;
  }
  step(resolvedAt, "Documenting", "resolve");
  const closedAt = resolvedAt + rng.logUniform(4 * HOUR, 30 * DAY);
  // A write-up that would finish in the future is still being written: the incident stays in learning.
  if (closedAt >= now || plan.outcome === "learning") return life;
  step(closedAt, "Closed", "close");
  life.closedAt = Math.round(closedAt);
  return life;
}

interface Phase {
  fraction: number;
  status: string;
  topic: Step["topic"];
}

/** Where in the active period each status change and progress note falls, as a fraction of it. */
function livePhases(rng: Random, outcome: Outcome): Phase[] {
  const phases: Phase[] = [];
  if (rng.chance(0.6))
    phases.push({ fraction: 0.05 + rng.next() * 0.15, status: "Investigating", topic: "finding" });
  const fixingAt = 0.25 + rng.next() * 0.25;
  const monitoringAt = 0.6 + rng.next() * 0.25;
  const target = outcome === "live" ? rng.pick(["Investigating", "Fixing", "Monitoring"]) : "Monitoring";
  if (target === "Investigating") return phases;
  const skipsFixing = target === "Monitoring" && rng.chance(0.2);
  if (!skipsFixing) phases.push({ fraction: fixingAt, status: "Fixing", topic: "fixing" });
  if (outcome === "paused") {
    phases.push({ fraction: fixingAt + 0.1, status: "Paused", topic: "pause" });
    return phases;
  }
  if (target === "Monitoring" && (outcome === "live" || rng.chance(0.75))) {
    phases.push({ fraction: monitoringAt, status: "Monitoring", topic: "monitoring" });
  }
  return phases;
}

function retrospective(rng: Random, life: Lifecycle, severity: SeverityName): Lifecycle {
  // Declared after the fact: the impact and its resolution both happened before the incident was created.
  const [min, max] = RESOLUTION_RANGE[severity];
  const resolvedAt = life.createdAt - rng.logUniform(HOUR, 3 * DAY);
  const impactStartedAt = resolvedAt - rng.logUniform(min, max);
  life.impactStartedAt = Math.round(impactStartedAt);
  life.resolvedAt = Math.round(resolvedAt);
  life.closedAt = life.createdAt;
  life.initialStatus = "Closed";
  life.initialSeverity = severity;
  life.finalSeverity = severity;
  life.steps.push({ at: life.createdAt, status: "Closed", topic: "retrospective", kind: "status" });
  life.finalStatus = "Closed";
  return life;
}
