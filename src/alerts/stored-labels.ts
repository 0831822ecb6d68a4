/**
 * An alert's labels are stored once: most alerts' labels are exactly the `labels` object of their own JSON (the
 * payload the hub keeps as sent), so the `labels` column holds them only when they differ (labels merged from
 * the notification's `commonLabels`, a value cut to its cap, Grafana's legacy `tags`).
 */

/** The `labels` of an alert's own JSON, parsed. */
function labelsOf(sent: unknown): unknown {
  return typeof sent === "object" && sent !== null ? (sent as { labels?: unknown }).labels : undefined;
}

function labelsSent(payload: string): unknown {
  try {
    return labelsOf(JSON.parse(payload));
  } catch {
    return undefined;
  }
}

function sameLabels(labels: Readonly<Record<string, string>>, sent: unknown): boolean {
  if (typeof sent !== "object" || sent === null || Array.isArray(sent)) return false;
  const entries = Object.entries(sent);
  return (
    entries.length === Object.keys(labels).length && entries.every(([name, value]) => labels[name] === value)
  );
}

/** The `labels` column for an alert: null when its own JSON (`sent`, parsed) holds exactly these labels. */
export function labelsColumn(labels: Readonly<Record<string, string>>, sent: unknown): string | null {
  return sameLabels(labels, labelsOf(sent)) ? null : JSON.stringify(labels);
}

/** A stored alert's labels, from its `labels` column or else its own JSON. */
export function storedLabels(row: { labels: string | null; payload: string }): Record<string, string> {
  const labels = row.labels === null ? labelsSent(row.payload) : JSON.parse(row.labels);
  return labels as Record<string, string>;
}
