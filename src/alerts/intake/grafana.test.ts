import { describe, expect, it } from "vitest";
import { parseGrafana } from "./grafana.js";
import { errorsOf, eventsOf, example } from "./testing.js";

const memoryLabels = {
  alertname: "High memory usage",
  grafana_folder: "Platform",
  team: "platform",
  zone: "eu-west-1",
  severity: "critical",
};

const oneAlert = (alert: Record<string, unknown>) => ({
  receiver: "incidentkit",
  orgId: 1,
  state: "alerting",
  alerts: [{ status: "firing", labels: { alertname: "Slow" }, fingerprint: "f1", ...alert }],
});

describe("parseGrafana", () => {
  it("turns a firing notification into one event per alert, linked to the panel when there is one", () => {
    expect(eventsOf(parseGrafana("grafana", example("grafana-firing")))).toMatchObject([
      {
        source: "grafana",
        dedupKey: "c6eadffa33fcdf37",
        status: "firing",
        title: "Memory above 90% in eu-west-1",
        description: "Node memory usage has been above 90% for 10 minutes.",
        severity: "critical",
        labels: memoryLabels,
        sourceUrl: "https://grafana.example.com/d/node-overview?orgId=1&viewPanel=4",
        startsAt: "2024-05-01T07:51:03.157Z",
      },
      {
        source: "grafana",
        dedupKey: "bc97ff14869b13e3",
        status: "firing",
        title: "High CPU usage",
        description: "CPU above 85% for 15 minutes.",
        labels: {
          alertname: "High CPU usage",
          grafana_folder: "Platform",
          team: "platform",
          zone: "us-east-1",
        },
        sourceUrl: "https://grafana.example.com/alerting/grafana/d1b9e3a6/view?orgId=1",
        startsAt: "2024-05-01T07:56:03.157Z",
      },
    ]);
  });

  it("turns a resolved notification into a resolved event linked to the dashboard", () => {
    expect(eventsOf(parseGrafana("grafana", example("grafana-resolved")))).toMatchObject([
      {
        source: "grafana",
        dedupKey: "c6eadffa33fcdf37",
        status: "resolved",
        title: "Memory above 90% in eu-west-1",
        description: "Node memory usage has been above 90% for 10 minutes.",
        severity: "critical",
        labels: memoryLabels,
        sourceUrl: "https://grafana.example.com/d/node-overview?orgId=1",
        startsAt: "2024-05-01T07:51:03.157Z",
        endsAt: "2024-05-01T08:21:03.157Z",
      },
    ]);
  });

  it("titles a no-data alert after the rule whose query returned nothing", () => {
    expect(eventsOf(parseGrafana("grafana", example("grafana-nodata")))).toMatchObject([
      {
        source: "grafana",
        dedupKey: "5a0e2d9c7b41f368",
        status: "firing",
        title: "No data: Checkout p99 latency",
        labels: {
          alertname: "DatasourceNoData",
          datasource_uid: "P1809F7CD0C75ACF3",
          grafana_folder: "Checkout",
          ref_id: "A",
          rulename: "Checkout p99 latency",
        },
        sourceUrl: "https://grafana.example.com/d/checkout?orgId=1&viewPanel=2",
        startsAt: "2024-05-01T07:40:00.000Z",
      },
    ]);
  });

  it("names no-data and rule-error alerts in the title, whatever the summary, and marks their state", () => {
    const eventOf = (alert: Record<string, unknown>) => eventsOf(parseGrafana("g", oneAlert(alert)))[0];
    expect(eventOf({ labels: { alertname: "DatasourceError", rulename: "Disk" } })).toMatchObject({
      title: "Alert rule error: Disk",
      state: "error",
    });
    expect(eventOf({ labels: { alertname: "DatasourceNoData" } })).toMatchObject({
      title: "No data: DatasourceNoData",
      state: "nodata",
    });
    expect(
      eventOf({ labels: { alertname: "DatasourceNoData" }, annotations: { summary: "Disk full" } })?.title,
    ).toBe("No data: Disk full");
    expect(eventOf({ labels: { alertname: "HighCPU" } })?.state).toBeUndefined();
  });

  it("marks the contact point's test notification as a test", () => {
    const test = {
      labels: { alertname: "TestAlert", instance: "Grafana" },
      annotations: { summary: "Notification test" },
    };
    expect(eventsOf(parseGrafana("g", oneAlert(test)))[0]).toMatchObject({
      test: true,
      title: "Notification test",
    });
  });

  it("links the panel, else the dashboard, else the rule, skipping empty and non-http links", () => {
    const urlOf = (alert: Record<string, unknown>) =>
      eventsOf(parseGrafana("g", oneAlert(alert)))[0]?.sourceUrl;
    const links = { panelURL: "https://g/p", dashboardURL: "https://g/d", generatorURL: "https://g/r" };
    expect(urlOf(links)).toBe("https://g/p");
    expect(urlOf({ ...links, panelURL: "" })).toBe("https://g/d");
    expect(urlOf({ ...links, panelURL: "", dashboardURL: "javascript:void(0)" })).toBe("https://g/r");
    expect(urlOf({ panelURL: "", dashboardURL: "" })).toBeUndefined();
  });

  it("names the alert and field that are wrong", () => {
    const body = {
      ...oneAlert({}),
      alerts: [{ status: "firing", labels: { alertname: "A" } }, { labels: {} }],
    };
    expect(errorsOf(parseGrafana("g", body))).toEqual([
      {
        field: "alerts[1].status",
        message: 'is required (expected "firing" or "resolved"): neither the alert nor the notification says',
      },
    ]);
    // Some senders say the status once, for the whole notification.
    expect(eventsOf(parseGrafana("g", { ...body, status: "resolved" }))[1]?.status).toBe("resolved");
  });

  it("reads a legacy (before Grafana 8) notification as one alert for its rule", () => {
    const legacy = {
      ruleId: 7,
      ruleName: "CPU",
      state: "no_data",
      message: "m",
      ruleUrl: "https://g/r",
      tags: { team: "a" },
    };
    expect(eventsOf(parseGrafana("g", legacy))[0]).toMatchObject({
      dedupKey: "rule-7",
      status: "firing",
      state: "nodata",
      title: "No data: CPU",
      labels: { team: "a" },
      sourceUrl: "https://g/r",
    });
    expect(eventsOf(parseGrafana("g", { ...legacy, state: "ok" }))[0]?.status).toBe("resolved");
    expect(errorsOf(parseGrafana("g", { ...legacy, state: "paused" }))[0]?.field).toBe("state");
  });
});
