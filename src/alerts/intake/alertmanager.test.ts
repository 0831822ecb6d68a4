import { describe, expect, it } from "vitest";
import { parseAlertmanager } from "./alertmanager.js";
import { errorsOf, eventsOf, example } from "./testing.js";

const GENERATOR_CRASHLOOP =
  "http://prometheus.example.com:9090/graph?g0.expr=max_over_time%28kube_pod_container_status_waiting_reason%5B5m%5D%29+%3E%3D+1&g0.tab=1";
const GENERATOR_DISK =
  "http://prometheus.example.com:9090/graph?g0.expr=node_filesystem_avail_bytes&g0.tab=1";

function crashLoopLabels(pod: string, container: string, severity?: string) {
  return {
    alertname: "KubePodCrashLooping",
    cluster: "prod-eu-west-1",
    container,
    namespace: "payments",
    pod,
    ...(severity ? { severity } : {}),
  };
}

const oneAlert = (alert: Record<string, unknown>, group: Record<string, unknown> = {}) => ({
  version: "4",
  status: "firing",
  receiver: "incidentkit",
  alerts: [{ status: "firing", labels: { alertname: "Down" }, fingerprint: "abc", ...alert }],
  ...group,
});

describe("parseAlertmanager", () => {
  it("turns a firing group of three into three events", () => {
    expect(eventsOf(parseAlertmanager("prometheus", example("alertmanager-firing")))).toMatchObject([
      {
        source: "prometheus",
        dedupKey: "4f1c9a2be3d07a51",
        status: "firing",
        title: "Pod is crash looping.",
        description: "Pod payments/payments-api-7d9f8b6c4-x2k9p (api) is restarting 1.2 times / 10 minutes.",
        severity: "critical",
        labels: crashLoopLabels("payments-api-7d9f8b6c4-x2k9p", "api", "critical"),
        sourceUrl: GENERATOR_CRASHLOOP,
        startsAt: "2024-05-01T10:02:17.123Z",
      },
      {
        source: "prometheus",
        dedupKey: "9be27c04d1f3a886",
        status: "firing",
        title: "Pod is crash looping.",
        description: "Pod payments/payments-api-7d9f8b6c4-q8w3z (api) is restarting 0.9 times / 10 minutes.",
        severity: "critical",
        labels: crashLoopLabels("payments-api-7d9f8b6c4-q8w3z", "api", "critical"),
        sourceUrl: GENERATOR_CRASHLOOP,
        startsAt: "2024-05-01T10:03:02.500Z",
      },
      {
        source: "prometheus",
        dedupKey: "e03b5d7a61c2f419",
        status: "firing",
        title: "KubePodCrashLooping",
        labels: crashLoopLabels("payments-worker-5c6d7e8f9-m4n5b", "worker"),
        startsAt: "2024-05-01T10:04:45.000Z",
      },
    ]);
  });

  it("turns a resolved group into a resolved event with its end time", () => {
    expect(eventsOf(parseAlertmanager("prometheus", example("alertmanager-resolved")))).toMatchObject([
      {
        source: "prometheus",
        dedupKey: "b81d2e6f0a9c3475",
        status: "resolved",
        title: "p99 latency above 500ms for checkout",
        description: "p99 request latency was 730ms over the last 10 minutes.",
        severity: "warning",
        labels: {
          alertname: "HighRequestLatency",
          job: "checkout",
          instance: "checkout-1:8080",
          severity: "warning",
        },
        sourceUrl:
          "http://prometheus.example.com:9090/graph?g0.expr=histogram_quantile%280.99%2C+rate%28http_request_duration_seconds_bucket%5B5m%5D%29%29+%3E+0.5&g0.tab=1",
        startsAt: "2024-05-01T08:30:00.000Z",
        endsAt: "2024-05-01T09:05:30.250Z",
      },
    ]);
  });

  it("parses the alerts a truncated group carries and keys one without a fingerprint by its labels", () => {
    const labels = (instance: string) => ({
      alertname: "NodeFilesystemAlmostFull",
      instance,
      mountpoint: "/var",
      severity: "Warning",
    });
    expect(eventsOf(parseAlertmanager("prometheus", example("alertmanager-truncated")))).toMatchObject([
      {
        source: "prometheus",
        dedupKey: "0c7a3e915fd2b864",
        status: "firing",
        title: "Filesystem on /var has less than 5% space left.",
        severity: "warning",
        labels: labels("node-a:9100"),
        sourceUrl: GENERATOR_DISK,
        startsAt: "2024-05-01T11:00:00.000Z",
      },
      {
        source: "prometheus",
        dedupKey: "5c0f5af3b83d56c5",
        status: "firing",
        title: "Filesystem on /var has less than 5% space left.",
        severity: "warning",
        labels: labels("node-b:9100"),
        sourceUrl: GENERATOR_DISK,
        startsAt: "2024-05-01T11:00:30.000Z",
      },
    ]);
  });

  it("keys alerts without a fingerprint the same whatever the label order, and apart when labels differ", () => {
    const keyOf = (labels: Record<string, string>) =>
      eventsOf(parseAlertmanager("p", oneAlert({ labels, fingerprint: undefined })))[0]?.dedupKey;
    const a = keyOf({ alertname: "Down", job: "api", instance: "a" });
    expect(keyOf({ instance: "a", job: "api", alertname: "Down" })).toBe(a);
    expect(keyOf({ alertname: "Down", job: "api", instance: "b" })).not.toBe(a);
    expect(eventsOf(parseAlertmanager("p", oneAlert({ fingerprint: "" })))[0]?.dedupKey).toMatch(
      /^[0-9a-f]{16}$/,
    );
  });

  it("merges the alert's labels over the group's common labels", () => {
    const body = oneAlert(
      { labels: { alertname: "Down", severity: "critical" } },
      { commonLabels: { severity: "warning", cluster: "eu" } },
    );
    expect(eventsOf(parseAlertmanager("p", body))[0]?.labels).toEqual({
      alertname: "Down",
      severity: "critical",
      cluster: "eu",
    });
  });

  it("falls back to the common summary and description when the alert has none", () => {
    const body = oneAlert(
      { annotations: {} },
      { commonAnnotations: { summary: "Site down", description: "All 5xx" } },
    );
    expect(eventsOf(parseAlertmanager("p", body))[0]).toMatchObject({
      title: "Site down",
      description: "All 5xx",
    });
  });

  it("shortens a summary longer than 255 characters", () => {
    const title = eventsOf(parseAlertmanager("p", oneAlert({ annotations: { summary: "x".repeat(400) } })))[0]
      ?.title;
    expect(title).toHaveLength(255);
    expect(title?.endsWith("…")).toBe(true);
  });

  it("drops malformed optional decorations instead of losing the alert", () => {
    const body = oneAlert({ generatorURL: "file:///etc/passwd", startsAt: "not a time", annotations: "x" });
    expect(eventsOf(parseAlertmanager("p", body))).toEqual([
      { source: "p", dedupKey: "abc", status: "firing", title: "Down", labels: { alertname: "Down" } },
    ]);
  });

  it("names the alert and field that are wrong", () => {
    const body = {
      version: "4",
      alerts: [
        { status: "firing", labels: { alertname: "A" } },
        { status: "pending", labels: { alertname: "B" } },
        { status: "firing" },
        { status: "firing", labels: { alertname: "D", value: { n: 1 } } },
      ],
      commonLabels: { team: ["a"] },
    };
    expect(errorsOf(parseAlertmanager("p", body)).map((e) => e.field)).toEqual([
      "commonLabels.team",
      "alerts[1].status",
      "alerts[2].labels",
      "alerts[3].labels.value",
    ]);
    expect(errorsOf(parseAlertmanager("p", body))[2]?.message).toMatch(/^is required/);
  });

  it("refuses a body without alerts or with none, and takes any number of them", () => {
    const alerts = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ status: "firing", labels: { n: `${i}` } }));
    expect(errorsOf(parseAlertmanager("p", { version: "4" }))[0]?.field).toBe("alerts");
    expect(errorsOf(parseAlertmanager("p", { version: "4", alerts: [] }))[0]?.field).toBe("alerts");
    expect(eventsOf(parseAlertmanager("p", { version: "4", alerts: alerts(10_000) }))).toHaveLength(10_000);
    expect(errorsOf(parseAlertmanager("p", "firing"))[0]?.field).toBe("body");
  });

  it("resolves a relative generatorURL against externalURL and keeps each alert's own JSON", () => {
    const body = oneAlert(
      {
        generatorURL: "/graph?g0.expr=up",
        annotations: { message: "m", runbook_url: "https://r.example/x" },
      },
      {
        externalURL: "http://alertmanager.example:9093",
        groupKey: '{}:{alertname="Down"}',
        truncatedAlerts: 3,
      },
    );
    const parsed = parseAlertmanager("p", body);
    expect(eventsOf(parsed)[0]).toMatchObject({
      sourceUrl: "http://alertmanager.example:9093/graph?g0.expr=up",
      description: "m",
      annotations: { message: "m", runbook_url: "https://r.example/x" },
    });
    expect(parsed.ok && parsed.notification).toEqual({
      groupKey: '{}:{alertname="Down"}',
      truncatedAlerts: 3,
    });
    expect(parsed.ok && parsed.sent[0]).toEqual(body.alerts[0]);
  });

  it("takes an incident.io incident the alert names, and caps long values", () => {
    const named = (labels: Record<string, string>) =>
      eventsOf(parseAlertmanager("p", oneAlert({ labels: { alertname: "Down", ...labels } })))[0];
    expect(named({ incident_io_incident_id: "01HZ" })?.incidentIoIncidentId).toBe("01HZ");
    expect(named({ incident_io_url: "https://app.incident.io/acme/incidents/42" })?.incidentIoUrl).toBe(
      "https://app.incident.io/acme/incidents/42",
    );
    expect(named({ incident_io_url: "https://evil.example/incident.io/42" })?.incidentIoUrl).toBeUndefined();
    const long = named({ big: "x".repeat(100_000) })?.labels.big ?? "";
    expect(long).toHaveLength(4096);
    expect(long.endsWith("…[truncated]")).toBe(true);
  });
});
