import { isHttpUrl } from "../shared/http-url.js";
import { capText, escapeMarkdown } from "../shared/markdown.js";
import type { AlertEvent } from "./event.js";

/** Alerts listed by name in a group's incident summary; the rest are counted. */
export const LISTED_ALERTS = 20;
/** Longest piece of sender text (a description, a message) kept in a summary. */
const MAX_PART = 2_000;

/** What the summary says about the group the incident was opened for. */
export interface GroupFacts {
  /** The group's alerts firing in the notification that opened it, the opening alert first. */
  firing: readonly AlertEvent[];
  /** Alerts the sender left out of that notification (`truncatedAlerts`). */
  truncated: number;
}

/** An autolink to an http(s) URL, written as the URL parser serialises it: `<`, `>` and spaces come out encoded, so
 * a sender's link cannot close the autolink early and smuggle in Markdown of its own. */
function link(label: string, url: string | undefined): string | undefined {
  return url !== undefined && isHttpUrl(url) ? `${label}: <${new URL(url).href}>` : undefined;
}

/** The labels that tell the group's alerts apart: those not shared by all of them, `alertname` aside. */
function distinguishing(alerts: readonly AlertEvent[]): (alert: AlertEvent) => string {
  const shared = new Map(Object.entries(alerts[0]?.labels ?? {}));
  for (const alert of alerts.slice(1)) {
    for (const [name, value] of shared) if (alert.labels[name] !== value) shared.delete(name);
  }
  return (alert) =>
    Object.entries(alert.labels)
      .filter(([name, value]) => name !== "alertname" && shared.get(name) !== value)
      .map(([name, value]) => `${name}=${capText(value, 80)}`)
      .join(", ");
}

function alertList(group: GroupFacts, source: string): string | undefined {
  const total = group.firing.length + group.truncated;
  if (total <= 1) return undefined;
  const labelsOf = distinguishing(group.firing);
  const lines = group.firing.slice(0, LISTED_ALERTS).map((alert) => {
    const labels = labelsOf(alert);
    return `- ${escapeMarkdown(alert.title)}${labels ? ` (${escapeMarkdown(labels)})` : ""}`;
  });
  const unlisted = group.firing.length - lines.length;
  if (unlisted > 0) lines.push(`- and ${unlisted} more`);
  const heading = `${total} alerts firing in this ${source} group:`;
  const truncated =
    group.truncated > 0
      ? `${source} left ${group.truncated} of them out of its notification (its max_alerts), so they are not listed.`
      : undefined;
  return [heading, lines.join("\n"), truncated].filter(Boolean).join("\n\n");
}

/**
 * The incident's summary, in Markdown: the rule's summary (by default the alert's description), the alert's
 * message and runbook, its link, and for a group the alerts it gathers (capped, with the count). What senders
 * wrote is escaped and capped; links are kept only when they are http(s).
 */
export function incidentSummary(
  ruleSummary: string | undefined,
  event: AlertEvent,
  group: GroupFacts,
): string {
  const annotations = event.annotations ?? {};
  const message = annotations.message;
  const extra =
    message !== undefined && message.trim() !== "" && message !== event.description
      ? escapeMarkdown(capText(message, MAX_PART))
      : undefined;
  const parts = [
    ruleSummary?.trim() ? capText(ruleSummary, MAX_PART * 2) : undefined,
    extra,
    link("Runbook", annotations.runbook_url),
    link("Source", event.sourceUrl),
    alertList(group, event.source),
  ];
  return parts.filter((part): part is string => part !== undefined && part !== "").join("\n\n");
}
