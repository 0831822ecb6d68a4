import type { AlertEvent } from "../event.js";
import type { Rule, RuleMatch } from "./types.js";

/**
 * Whether an event meets every condition of a rule's `match`: source and severity among those listed
 * (case-insensitive), each `labels` entry equal, each `labels_match` pattern found in its label (RE2, in linear
 * time: see pattern.ts). A label the event lacks never matches. An empty `match` matches everything.
 */
export function matches(match: RuleMatch, event: AlertEvent): boolean {
  if (match.sources && !match.sources.includes(event.source.toLowerCase())) return false;
  if (match.states && !match.states.includes(event.state ?? "firing")) return false;
  if (match.severities) {
    const severity = event.severity?.toLowerCase();
    if (severity === undefined || !match.severities.includes(severity)) return false;
  }
  for (const [label, wanted] of Object.entries(match.labels)) {
    if (!Object.hasOwn(event.labels, label) || event.labels[label] !== wanted) return false;
  }
  for (const { label, pattern } of match.labelsMatch) {
    if (!Object.hasOwn(event.labels, label) || !pattern.test(event.labels[label] ?? "")) return false;
  }
  return true;
}

/** The first rule, in file order, that matches. */
export function firstMatch(rules: readonly Rule[], event: AlertEvent): Rule | undefined {
  return rules.find((rule) => matches(rule.match, event));
}
