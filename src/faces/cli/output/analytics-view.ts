import type { CountsReport, MttrReport, MttrRow } from "../../../investigate/analytics/index.js";
import type { Output } from "./output.js";

const HEADINGS = {
  severity: "SEVERITY",
  service: "SERVICE",
  team: "TEAM",
  month: "MONTH",
  week: "WEEK",
} as const;

const LEFT_OUT = "test, tutorial, declined, merged or canceled";

/** "2026-03-01" at midnight UTC, else "2026-03-01 14:05 UTC". */
function instant(iso: string): string {
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

function windowText(window: { from: string; to: string }): string {
  const days = Math.round((Date.parse(window.to) - Date.parse(window.from)) / 86_400_000);
  return `created ${instant(window.from)} to ${instant(window.to)} (${days === 1 ? "1 day" : `${days} days`})`;
}

/** A period the window covers only part of is marked, and a note says so. */
const PARTIAL_MARK = " *";
const PARTIAL_NOTE = "* the window covers only part of this period.";

const SOURCES = {
  configured: "",
  "by-name": "Priorities by severity name (Critical P0, Major P1, Minor P2, Low P3)",
  "by-rank": "Priorities by rank (the most severe P0)",
} as const;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The MTTR table: one row per group, then every incident of the window once, then what was left out. */
export function mttrText(report: MttrReport, out: Output): string {
  const bySeverity = report.by === "severity";
  const headers = [
    HEADINGS[report.by],
    ...(bySeverity ? ["PRIORITY"] : []),
    "MEAN",
    "MEDIAN",
    "P95",
    "RESOLVED",
    "OPEN",
  ];
  const cells = (label: string, row: Omit<MttrRow, "key" | "label">): string[] => [
    label,
    ...(bySeverity ? [row.priority ?? "-"] : []),
    row.mean ?? "-",
    row.median ?? "-",
    row.p95 ?? "-",
    String(row.resolved),
    String(row.open),
  ];
  const rows = report.rows.map((row) => cells(row.partial ? `${row.label}${PARTIAL_MARK}` : row.label, row));
  rows.push(cells("All", { ...report.all, ...(bySeverity ? { priority: "" } : {}) }));
  const numbers = bySeverity ? [2, 3, 4, 5, 6] : [1, 2, 3, 4, 5];
  const lines = [
    out.colour.bold(`Time to resolve by ${report.by}, incidents ${windowText(report.window)}`),
    out.table(headers, rows, { header: out.colour.bold, alignRight: numbers }),
    "",
    "Times are over the RESOLVED incidents; OPEN ones are not resolved yet.",
    "p95 is by nearest rank: the ⌈0.95 × n⌉-th shortest time, so with under 20 incidents the longest.",
  ];
  if (report.rows.some((row) => row.partial)) lines.push(PARTIAL_NOTE);
  if (report.by === "service" || report.by === "team") {
    lines.push(`An incident of several ${report.by}s counts in each; "All" counts it once.`);
  }
  if (report.priorities && report.priorities.source !== "configured") {
    lines.push(`${SOURCES[report.priorities.source]}; set them with --priorities "Critical=P0,Major=P1".`);
  }
  if (report.excluded > 0) lines.push(`${plural(report.excluded, "incident")} left out as ${LEFT_OUT}.`);
  return lines.join("\n");
}

/** Incidents per period: total, still open, and a column per severity (with its priority). */
export function countsText(report: CountsReport, out: Output): string {
  const names = report.severities.map((s) => s.name);
  const noSeverity = report.rows.some((row) =>
    Object.keys(row.bySeverity).some((name) => !names.includes(name)),
  );
  const columns = [...names, ...(noSeverity ? ["No severity"] : [])];
  const heading = (name: string) => {
    const priority = report.severities.find((s) => s.name === name)?.priority;
    return priority ? `${name} (${priority})` : name;
  };
  const headers = [HEADINGS[report.by], "TOTAL", "OPEN", ...columns.map(heading)];
  const rows = report.rows.map((row) => [
    row.partial ? `${row.period}${PARTIAL_MARK}` : row.period,
    String(row.total),
    String(row.open),
    ...columns.map((name) => String(row.bySeverity[name] ?? 0)),
  ]);
  const sum = (name: string) => report.rows.reduce((total, row) => total + (row.bySeverity[name] ?? 0), 0);
  const open = report.rows.reduce((total, row) => total + row.open, 0);
  rows.push(["All", String(report.total), String(open), ...columns.map((name) => String(sum(name)))]);
  const lines = [
    out.colour.bold(`Incidents per ${report.by}, ${windowText(report.window)}`),
    out.table(headers, rows, {
      header: out.colour.bold,
      alignRight: headers.map((_, index) => index).slice(1),
    }),
  ];
  const notes = [
    ...(report.rows.some((row) => row.partial) ? [PARTIAL_NOTE] : []),
    ...(report.excluded > 0 ? [`${plural(report.excluded, "incident")} left out as ${LEFT_OUT}.`] : []),
  ];
  if (notes.length > 0) lines.push("", ...notes);
  return lines.join("\n");
}
