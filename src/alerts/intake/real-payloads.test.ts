import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectFormat, parseAlerts } from "./index.js";
import { eventsOf } from "./testing.js";

/** The corpus of real webhook bodies taken from upstream projects (sources in its README). */
const CORPUS = new URL("../../../test/fixtures/alerts/", import.meta.url);

interface Entry {
  file: string;
  sender: "alertmanager" | "grafana" | "grafana-legacy";
  alerts: number;
  firing: number;
  resolved: number;
  alertsWithoutStatus: number;
  groupKey: boolean;
  kind: "firing" | "resolved" | "mixed" | "nodata" | "error" | "test";
}

const manifest = JSON.parse(readFileSync(new URL("manifest.json", CORPUS), "utf8")) as Entry[];
const bodyOf = (entry: Entry): unknown => JSON.parse(readFileSync(new URL(entry.file, CORPUS), "utf8"));

describe("real senders' bodies, as format: auto reads them", () => {
  it.each(manifest.map((entry) => [entry.file, entry] as const))("%s", (_, entry) => {
    const body = bodyOf(entry);
    const format = detectFormat(body);
    expect(format).toBe(entry.sender === "alertmanager" ? "alertmanager" : "grafana");
    const parsed = parseAlerts(format, "real", body);
    const events = eventsOf(parsed);
    expect(events).toHaveLength(Math.max(entry.alerts, 1));
    if (entry.alertsWithoutStatus === 0 && entry.sender !== "grafana-legacy") {
      expect(events.filter((event) => event.status === "firing")).toHaveLength(entry.firing);
      expect(events.filter((event) => event.status === "resolved")).toHaveLength(entry.resolved);
    }
    if (entry.kind === "test") expect(events.every((event) => event.test)).toBe(true);
    else expect(events.some((event) => event.test)).toBe(false);
    if (entry.kind === "nodata" && entry.sender === "grafana") {
      expect(events.every((event) => event.state === "nodata" && event.title.startsWith("No data: "))).toBe(
        true,
      );
    }
    if (parsed.ok && entry.sender !== "grafana-legacy") {
      // A group key of 0 (one third-party sender's) names no group: those alerts group on their own.
      const meaningful = entry.groupKey && (body as { groupKey?: unknown }).groupKey !== 0;
      expect(parsed.notification?.groupKey !== undefined).toBe(meaningful);
      // Each alert is stored as its own JSON, not the whole body once per alert.
      const alerts = (body as { alerts: unknown[] }).alerts;
      expect(parsed.sent).toEqual(alerts);
    }
    for (const event of events) {
      expect(event.dedupKey.length).toBeGreaterThan(0);
      expect(event.title.trim().length).toBeGreaterThan(0);
    }
  });

  it("gives alerts without a fingerprint a stable identity from their labels", () => {
    const entry = manifest.find((e) => e.file === "alertmanager/alertmonitor-3-firing-no-fingerprint.json");
    if (!entry) throw new Error("the corpus lost alertmonitor-3-firing-no-fingerprint.json");
    const keys = (body: unknown) =>
      eventsOf(parseAlerts("alertmanager", "real", body)).map((e) => e.dedupKey);
    const first = keys(bodyOf(entry));
    expect(new Set(first).size).toBe(3);
    expect(keys(bodyOf(entry))).toEqual(first);
  });
});
