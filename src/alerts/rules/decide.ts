import { escapeMarkdown } from "../../shared/markdown.js";
import type { AlertEvent } from "../event.js";
import { firstMatch } from "./match.js";
import { suppressionReason } from "./suppress.js";
import type { Decision, IncidentRequest, Rule, RuleSet, SuppressionHistory } from "./types.js";

/**
 * What to do with one alert event, without side effects:
 * - the first matching rule says `forward_to_alert_source` → `forward`, firing or resolved alike;
 * - resolved or dismissed → `resolve` (the lifecycle closes the group's incident, if there is one);
 * - no rule matches → `record_only`;
 * - the first matching rule says `record_only` → `record_only`;
 * - it says `open_incident` but a blackout, the schedule, the cooldown or the daily cap holds it back → `suppressed`;
 * - otherwise → `open_incident`, with the incident rendered from the rule's templates.
 */
export function decide(event: AlertEvent, rules: RuleSet, history: SuppressionHistory, now: Date): Decision {
  return decideBy(firstMatch(rules.rules, event), event, rules, history, now);
}

/** `decide` for a caller that has found the first matching rule already (`firstMatch`): it is not matched again. */
export function decideBy(
  rule: Rule | undefined,
  event: AlertEvent,
  rules: RuleSet,
  history: SuppressionHistory,
  now: Date,
): Decision {
  if (rule?.forward) {
    const reason = `forward to incident.io alert source ${rule.forward.alertSourceConfigId}: rule ${rule.name}`;
    return { action: "forward", rule: rule.name, reason };
  }
  if (event.status === "resolved" || event.status === "dismissed") {
    // A resolve needs no rule: the group's incident closes whatever opened it. So only a rule that matched is
    // named; "no rule matched" before "closing INC-7" would read as a contradiction.
    const matched = rule ? ` (rule ${rule.name})` : "";
    return withRule({ action: "resolve", reason: `resolve: alert ${event.status}${matched}` }, rule);
  }
  if (!rule) return { action: "record_only", reason: "no rule matched" };
  if (rule.action === "record_only") {
    return { action: "record_only", rule: rule.name, reason: `record only: rule ${rule.name}` };
  }
  const suppressed = suppressionReason(rule, event, history, now, rules.timezone);
  if (suppressed) return { action: "suppressed", rule: rule.name, reason: suppressed };
  return {
    action: "open_incident",
    rule: rule.name,
    reason: `open incident: rule ${rule.name}`,
    incident: renderIncident(rule, event),
  };
}

function withRule(decision: Decision, rule: Rule | undefined): Decision {
  return rule ? { ...decision, rule: rule.name } : decision;
}

/**
 * The incident a rule asks for. A name that renders blank falls back to the alert's title (then its source and
 * dedup key); custom fields that render blank are left out; the summary defaults to the alert's description. The
 * summary is Markdown: what the sender wrote is escaped in it, the rule's own text is kept as written.
 */
export function renderIncident(rule: Rule, event: AlertEvent): IncidentRequest {
  const template = rule.incident;
  const name =
    template.name.render(event).trim() || event.title.trim() || `${event.source} alert ${event.dedupKey}`;
  const customFields = Object.fromEntries(
    template.customFields
      .map(({ field, value }) => [field, value.render(event)] as const)
      .filter(([, rendered]) => rendered.trim() !== ""),
  );
  const incident: IncidentRequest = { name, mode: template.mode, customFields };
  if (template.severity !== undefined) incident.severity = template.severity;
  if (template.type !== undefined) incident.type = template.type;
  const summary = template.summary
    ? template.summary.render(event, escapeMarkdown)
    : event.description && escapeMarkdown(event.description);
  if (summary !== undefined && summary.trim() !== "") incident.summary = summary;
  return incident;
}
