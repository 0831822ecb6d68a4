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

  it("needs fingerprinted alerts before calling a body Alertmanager or Grafana", () => {
    const alerts = [{ status: "firing", labels: {}, fingerprint: "f" }];
    expect(detectFormat({ version: "4", alerts })).toBe("alertmanager");
    expect(detectFormat({ version: "4", alerts: [{ status: "firing", labels: {} }] })).toBe("generic");
    expect(detectFormat({ version: "3", alerts })).toBe("generic");
    expect(detectFormat({ receiver: "r", orgId: 1, alerts })).toBe("grafana");
    expect(detectFormat({ receiver: "r", state: "alerting", alerts })).toBe("grafana");
    expect(detectFormat({ receiver: "r", alerts })).toBe("generic");
  });

  it("takes anything else for the generic format", () => {
    for (const body of [null, "x", 4, [], {}, { alerts: "x" }, { alerts: [null] }]) {
      expect(detectFormat(body)).toBe("generic");
    }
  });
});
