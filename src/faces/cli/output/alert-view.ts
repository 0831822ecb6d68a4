import { deliveryFocus } from "../../../alerts/delivery-state.js";
import type { AlertCalls, AlertDelivery, AlertDetail, AlertSummary } from "../../../alerts/queries.js";
import type { IntakeRefusal } from "../../../alerts/refusals.js";
import type { Output } from "./output.js";

/**
 * The INCIDENT column: the group's incident, else what became of the call that should open it (so an alert the
 * rules paged for never shows an empty cell while its page is stuck).
 */
export function incidentCell(alert: AlertSummary, calls: AlertCalls | undefined, out: Output): string {
  const { red, yellow } = out.colour;
  const focus = deliveryFocus(calls);
  const state = focus?.state ?? null;
  const ref = alert.incidentReference;
  if (focus?.state === "failed") {
    const kind = focus.entry.kind;
    return red(ref ? `${ref} (${kind} failed)` : `none: ${kind} failed`);
  }
  if (ref) return ref;
  if (state === "waiting_for_key") return yellow("waiting: API key refused");
  if (state === "retrying") return yellow("retrying");
  if (state === "pending") return "pending";
  return "";
}

function at(timestamp: string): string {
  return timestamp.replace("T", " ").slice(0, 19);
}

/** Every attempt, oldest first, each with its outcome, HTTP status, message and fix; replays where they happened. */
export function attemptLines(calls: AlertCalls, out: Output, indent = "    "): string[] {
  const { red, green, yellow, cyan, dim } = out.colour;
  const paint: Record<AlertDelivery["outcome"], (text: string) => string> = {
    delivered: green,
    retry: yellow,
    failed: red,
    replayed: cyan,
  };
  const lines: string[] = [];
  for (const delivery of calls.deliveries) {
    const status = delivery.http_status === null ? "" : `  HTTP ${delivery.http_status}`;
    const outcome = paint[delivery.outcome](delivery.outcome);
    lines.push(
      `${indent}${at(delivery.attempted_at)}  ${delivery.kind}  ${outcome}${status}  ${delivery.message ?? ""}`.trimEnd(),
    );
    if (delivery.fix) lines.push(`${indent}  fix: ${delivery.fix}`);
  }
  const waiting = calls.entries.filter((entry) => entry.state === "pending" && entry.attempts === 0);
  for (const entry of waiting) lines.push(dim(`${indent}${entry.kind} waiting to be sent`));
  return lines;
}

function hadTrouble(calls: AlertCalls | undefined): calls is AlertCalls {
  return calls?.deliveries.some((delivery) => delivery.outcome !== "delivered") ?? false;
}

/** `alerts history`: one row per alert and, under each alert whose deliveries had failures, every attempt. */
export function historyText(
  rows: readonly AlertSummary[],
  calls: ReadonlyMap<string, AlertCalls>,
  out: Output,
): string {
  if (rows.length === 0) return "No alerts match.";
  const table = out
    .table(
      ["RECEIVED", "SOURCE", "STATUS", "TITLE", "DECISION", "INCIDENT", "REASON"],
      rows.map((row) => [
        at(row.receivedAt),
        row.source,
        row.status,
        row.title,
        row.decision ?? "",
        incidentCell(row, calls.get(row.id), out),
        row.reason ?? "",
      ]),
      { maxWidth: 60 },
    )
    .split("\n");
  // The table is one line per row under its header line.
  const lines = [table[0] ?? ""];
  rows.forEach((row, index) => {
    lines.push(table[index + 1] ?? "");
    const own = calls.get(row.id);
    if (hadTrouble(own)) lines.push(...attemptLines(own, out));
  });
  return lines.join("\n");
}

/** The requests the hub refused whole, newest first: each a notification whose alerts were lost. */
export function refusalsText(refusals: readonly IntakeRefusal[]): string {
  if (refusals.length === 0) return "";
  const lines = refusals.map(
    (refusal) => `  ${at(refusal.received_at)}  ${refusal.source}  ${refusal.http_status}: ${refusal.reason}`,
  );
  return [
    `Requests refused whole (their alerts were not recorded; senders do not retry a 4xx):`,
    ...lines,
  ].join("\n");
}

/** `alerts show`: the alert, its group and incident, its labels, and every attempt to deliver its calls. */
export function alertText(detail: AlertDetail, calls: AlertCalls | undefined, out: Output): string {
  const { bold } = out.colour;
  const { alert, group } = detail;
  const labels = Object.entries(alert.labels)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
  const rule = alert.rule ? ` (rule ${alert.rule})` : "";
  const groupText = group
    ? `${group.group_key} (${group.state}), incident ${incidentCell(alert, calls, out) || "none"}`
    : alert.groupKey;
  const lines = [
    `${bold(alert.id)}  ${bold(alert.title)}`,
    `Source:    ${alert.source} (dedup key ${alert.dedupKey})`,
    `Status:    ${alert.status}${alert.severity ? `, severity ${alert.severity}` : ""}`,
    `Received:  ${at(alert.receivedAt)}`,
    `Decision:  ${alert.decision ?? "none"}${rule}${alert.reason ? `: ${alert.reason}` : ""}`,
    `Group:     ${groupText}`,
  ];
  if (labels) lines.push(`Labels:    ${labels}`);
  if (alert.description) lines.push(`Description: ${alert.description}`);
  lines.push("", bold("Deliveries"));
  const attempts = calls ? attemptLines(calls, out, "  ") : [];
  lines.push(...(attempts.length > 0 ? attempts : ["  none: the alert asked nothing of incident.io"]));
  return lines.join("\n");
}
