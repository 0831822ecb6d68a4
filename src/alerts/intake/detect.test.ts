import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect.js";
import { example } from "./testing.js";

describe("detectFormat", () => {
  it.each([
    ["alertmanager-firing", "alertmanager"],
    ["alertmanager-resolved", "alertmanager"],
    ["alertmanager-truncated", "alertmanager"],
    ["grafana-firing", "grafana"],
    ["grafana-resolved", "grafana"],
    ["grafana-nodata", "grafana"],
    ["generic-single", "generic"],
    ["generic-batch", "generic"],
  ])("recognises %s as %s", (name, format) => {
    expect(detectFormat(example(name))).toBe(format);
  });

  it("recognises a notification by its shape, with or without fingerprints", () => {
    const alerts = [{ status: "firing", labels: {}, fingerprint: "f" }];
    const bare = [{ status: "firing", labels: { alertname: "Down" } }];
    expect(detectFormat({ version: "4", alerts })).toBe("alertmanager");
    expect(detectFormat({ version: "4", alerts: bare })).toBe("alertmanager");
    expect(detectFormat({ groupKey: "{}:{}", alerts: bare })).toBe("alertmanager");
    expect(detectFormat({ receiver: "r", alerts: bare })).toBe("alertmanager");
    expect(detectFormat({ receiver: "r", orgId: 1, alerts: bare })).toBe("grafana");
    expect(detectFormat({ receiver: "r", state: "alerting", alerts })).toBe("grafana");
    expect(detectFormat({ version: "1", alerts: bare })).toBe("grafana");
    expect(detectFormat({ alerts: bare })).toBe("generic");
    expect(detectFormat({ version: "4", alerts: [{ dedup_key: "k", status: "firing", title: "t" }] })).toBe(
      "generic",
    );
  });
  it("takes anything else for the generic format", () => {
    for (const body of [null, "x", 4, [], {}, { alerts: "x" }, { alerts: [null] }]) {
      expect(detectFormat(body)).toBe("generic");
    }
  });
});
