import { describe, expect, it } from "vitest";
import { parseGeneric } from "./generic.js";
import { errorsOf, eventsOf, example } from "./testing.js";

const firing = { dedup_key: "db/lag", status: "firing", title: "Replication lag" };

describe("parseGeneric", () => {
  it("turns a single alert into one normalised event", () => {
    expect(parseGeneric("anomalyarmor", example("generic-single"))).toEqual({
      ok: true,
      sent: [example("generic-single")],
      events: [
        {
          source: "anomalyarmor",
          dedupKey: "orders-db/replication-lag",
          status: "firing",
          title: "Replication lag above 30s on orders-db",
          description: "The replica orders-db-2 is 47s behind the primary.",
          severity: "critical",
          labels: { service: "orders", env: "production", replica: "2", paged: "true" },
          sourceUrl: "https://grafana.example.com/d/db-overview?var-db=orders",
          startsAt: "2024-05-01T10:00:00.000Z",
        },
      ],
    });
  });

  it("turns a batch into one event per alert, in order", () => {
    expect(parseGeneric("ci", example("generic-batch"))).toMatchObject({
      ok: true,
      events: [
        {
          source: "ci",
          dedupKey: "checkout/error-rate",
          status: "firing",
          title: "Checkout error rate above 5%",
          severity: "p1",
          labels: { service: "checkout", env: "production" },
        },
        {
          source: "ci",
          dedupKey: "checkout/latency",
          status: "resolved",
          title: "checkout/latency",
          labels: {},
          incidentIoIncidentId: "01HZ8X3Q4B7K9M2N5P6R8S0T1V",
          endsAt: "2024-05-01T10:15:00.000Z",
        },
        {
          source: "ci",
          dedupKey: "search/index-stale",
          status: "dismissed",
          title: "Search index older than 1h",
          labels: {},
        },
      ],
    });
  });

  it("names each missing required field", () => {
    expect(errorsOf(parseGeneric("s", { title: "x" }))).toEqual([
      { field: "dedup_key", message: "is required (expected string)" },
      { field: "status", message: 'is required (expected one of "firing", "resolved", "dismissed")' },
    ]);
  });

  it("requires a title only when the alert is firing", () => {
    expect(errorsOf(parseGeneric("s", { dedup_key: "k", status: "firing" }))).toEqual([
      { field: "title", message: 'is required when status is "firing"' },
    ]);
    expect(parseGeneric("s", { dedup_key: "k", status: "resolved" }).ok).toBe(true);
  });

  it("says which statuses are allowed", () => {
    const [error] = errorsOf(parseGeneric("s", { ...firing, status: "open" }));
    expect(error?.field).toBe("status");
    expect(error?.message).toContain('"firing"|"resolved"|"dismissed"');
  });

  it("accepts a 255-character dedup_key and refuses a 256-character one", () => {
    expect(parseGeneric("s", { ...firing, dedup_key: "k".repeat(255) }).ok).toBe(true);
    const [error] = errorsOf(parseGeneric("s", { ...firing, dedup_key: "k".repeat(256) }));
    expect(error?.field).toBe("dedup_key");
    expect(error?.message).toContain("255");
  });

  it("refuses a blank dedup_key", () => {
    expect(errorsOf(parseGeneric("s", { ...firing, dedup_key: "   " }))).toEqual([
      { field: "dedup_key", message: "must not be blank" },
    ]);
  });

  it("refuses labels holding nested objects, arrays or null, naming the label", () => {
    const body = { ...firing, labels: { team: "db", owner: { name: "x" }, tags: ["a"], zone: null } };
    expect(errorsOf(parseGeneric("s", body)).map((e) => e.field)).toEqual([
      "labels.owner",
      "labels.tags",
      "labels.zone",
    ]);
  });

  it("refuses labels that are not an object", () => {
    expect(errorsOf(parseGeneric("s", { ...firing, labels: ["team=db"] }))).toEqual([
      { field: "labels", message: "expected an object mapping label names to strings" },
    ]);
  });

  it("quotes label names that are not plain identifiers in the error path", () => {
    const [error] = errorsOf(parseGeneric("s", { ...firing, labels: { "app.kubernetes.io/name": {} } }));
    expect(error?.field).toBe('labels["app.kubernetes.io/name"]');
  });

  it("keeps a __proto__ label as an ordinary label", () => {
    const body = JSON.parse('{"dedup_key":"k","status":"firing","title":"t","labels":{"__proto__":"x"}}');
    const labels = eventsOf(parseGeneric("s", body))[0]?.labels ?? {};
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.entries(labels)).toEqual([["__proto__", "x"]]);
  });

  it("refuses a source_url that is not http(s) and times that are not ISO 8601", () => {
    const body = {
      ...firing,
      source_url: "javascript:alert(1)",
      starts_at: "yesterday",
      ends_at: 1714557600,
    };
    expect(errorsOf(parseGeneric("s", body))).toEqual([
      { field: "source_url", message: "expected an http(s) URL" },
      { field: "starts_at", message: expect.stringContaining("ISO 8601") },
      { field: "ends_at", message: expect.stringContaining("ISO 8601") },
    ]);
  });

  it("names the failing alert inside a batch", () => {
    const body = { alerts: [firing, firing, { ...firing, labels: { severity: { level: 1 } } }] };
    expect(errorsOf(parseGeneric("s", body)).map((e) => e.field)).toEqual(["alerts[2].labels.severity"]);
  });

  it("accepts 10,000 alerts in a batch (the source's limit is the hub's to enforce), each with its own JSON", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...firing, dedup_key: `k${i}` }));
    const accepted = parseGeneric("s", { alerts: many(10_000) });
    expect(accepted.ok && accepted.events.length).toBe(10_000);
    expect(accepted.ok && accepted.sent[9_999]).toEqual({
      ...firing,
      dedup_key: "k9999",
    });
  });

  it("takes an incident.io incident named by field or label", () => {
    const one = (extra: Record<string, unknown>) => eventsOf(parseGeneric("s", { ...firing, ...extra }))[0];
    expect(one({ incident_io_url: "https://app.incident.io/acme/incidents/7" })?.incidentIoUrl).toBe(
      "https://app.incident.io/acme/incidents/7",
    );
    expect(one({ labels: { incident_io_incident_id: "01HZ" } })?.incidentIoIncidentId).toBe("01HZ");
    expect(
      errorsOf(parseGeneric("s", { ...firing, incident_io_url: "https://example.com/x" }))[0]?.field,
    ).toBe("incident_io_url");
  });

  it("refuses an empty batch and a body that is not an object", () => {
    expect(errorsOf(parseGeneric("s", { alerts: [] }))[0]?.field).toBe("alerts");
    expect(errorsOf(parseGeneric("s", { alerts: "x" }))[0]?.field).toBe("alerts");
    expect(errorsOf(parseGeneric("s", [firing]))[0]?.field).toBe("body");
    expect(errorsOf(parseGeneric("s", null))[0]?.field).toBe("body");
  });

  it("never repeats a rejected value in its errors", () => {
    const secret = "inc_live_9f8e7d6c5b4a3210";
    const body = {
      dedup_key: secret.repeat(20),
      status: secret,
      title: 42,
      source_url: secret,
      labels: { k: [secret] },
    };
    const errors = errorsOf(parseGeneric("s", body));
    expect(errors.length).toBe(5);
    expect(JSON.stringify(errors)).not.toContain("inc_live");
  });

  it("lists at most 100 errors and counts the rest", () => {
    const bad = Array.from({ length: 150 }, () => ({ status: "firing", title: "t" }));
    const errors = errorsOf(parseGeneric("s", { alerts: bad }));
    expect(errors).toHaveLength(101);
    expect(errors[99]?.field).toBe("alerts[99].dedup_key");
    expect(errors[100]).toEqual({ field: "body", message: "50 more errors not listed" });
  });
});
