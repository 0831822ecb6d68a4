import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AlertEvent } from "../event.js";
import { type AlertFormat, parseAlerts } from "./index.js";
import type { ParseResult } from "./result.js";
import { eventsOf, example } from "./testing.js";

const FORMATS: AlertFormat[] = ["generic", "alertmanager", "grafana"];
const STATUSES = new Set(["firing", "resolved", "dismissed"]);

/** What every event must satisfy, whatever the body: the hub relies on it without checking again. */
function wellFormed(event: AlertEvent): boolean {
  const times = [event.startsAt, event.endsAt].filter((t) => t !== undefined);
  return (
    event.source === "fuzz" &&
    typeof event.dedupKey === "string" &&
    event.dedupKey.length > 0 &&
    event.dedupKey.length <= 255 &&
    STATUSES.has(event.status) &&
    typeof event.title === "string" &&
    event.title.length > 0 &&
    event.title.length <= 255 &&
    Object.getPrototypeOf(event.labels) === Object.prototype &&
    Object.values(event.labels).every((value) => typeof value === "string") &&
    times.every((t) => new Date(t).toISOString() === t)
  );
}

function holds(result: ParseResult): boolean {
  if (result.ok) return result.events.length > 0 && result.events.every(wellFormed);
  return result.errors.length > 0 && result.errors.every((e) => e.field.length > 0 && e.message.length > 0);
}

/** JSON shaped like alert payloads, so the fuzz reaches the accepting paths as well as the refusals. */
const value = fc.jsonValue({ maxDepth: 2 });
const labels = fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), value), {
  maxKeys: 4,
});
const alertLike = fc.record(
  {
    dedup_key: fc.oneof(fc.string(), value),
    status: fc.oneof(fc.constantFrom("firing", "resolved", "dismissed"), value),
    title: fc.oneof(fc.string(), value),
    labels,
    annotations: fc.dictionary(fc.constantFrom("summary", "description", "x"), fc.oneof(fc.string(), value)),
    starts_at: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      value,
    ),
    startsAt: fc.oneof(fc.constantFrom("0001-01-01T00:00:00Z", "2024-05-01T10:00:00.123456+02:00"), value),
    fingerprint: fc.oneof(fc.string(), value),
    generatorURL: fc.oneof(fc.webUrl(), value),
    panelURL: fc.oneof(fc.webUrl(), fc.constant("")),
  },
  { requiredKeys: [] },
);
const payloadLike = fc.oneof(
  alertLike,
  fc.record(
    {
      version: fc.constantFrom("4", "1"),
      receiver: fc.string(),
      orgId: fc.integer(),
      alerts: fc.array(alertLike, { maxLength: 4 }),
      commonLabels: labels,
      commonAnnotations: value,
    },
    { requiredKeys: ["alerts"] },
  ),
);

describe("parseAlerts", () => {
  it("parses each format with its own parser", () => {
    expect(eventsOf(parseAlerts("alertmanager", "p", example("alertmanager-resolved")))[0]?.dedupKey).toBe(
      "b81d2e6f0a9c3475",
    );
    expect(eventsOf(parseAlerts("grafana", "g", example("grafana-nodata")))[0]?.title).toBe(
      "No data: Checkout p99 latency",
    );
    expect(eventsOf(parseAlerts("generic", "x", example("generic-batch")))).toHaveLength(3);
    expect(parseAlerts("generic", "x", example("alertmanager-firing")).ok).toBe(false);
  });

  it.each(FORMATS)("never throws on random JSON as %s, and answers events or named errors", (format) => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => holds(parseAlerts(format, "fuzz", body))),
      { numRuns: 10_000 },
    );
  });

  it.each(FORMATS)("never throws on alert-shaped JSON as %s, and accepts some of it", (format) => {
    let accepted = 0;
    fc.assert(
      fc.property(payloadLike, (body) => {
        const result = parseAlerts(format, "fuzz", body);
        if (result.ok) accepted++;
        return holds(result);
      }),
      { numRuns: 2_000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
