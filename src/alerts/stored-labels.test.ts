import { describe, expect, it } from "vitest";
import { labelsColumn, storedLabels } from "./stored-labels.js";

describe("stored labels", () => {
  const sent = { status: "firing", labels: { alertname: "Down", severity: "critical" } };
  const payload = JSON.stringify(sent);

  it("leaves labels exactly as the alert's own JSON has them to that JSON, in any order", () => {
    const labels = { severity: "critical", alertname: "Down" };
    expect(labelsColumn(labels, sent)).toBeNull();
    expect(storedLabels({ labels: null, payload })).toEqual(labels);
  });

  it("stores labels that differ: merged from the notification, cut to their cap, or not in the JSON at all", () => {
    for (const labels of <Record<string, string>[]>[
      { alertname: "Down", severity: "critical", team: "db" },
      { alertname: "Down", severity: "crit… (cut)" },
      { alertname: "Down" },
    ]) {
      const column = labelsColumn(labels, sent);
      expect(column).not.toBeNull();
      expect(storedLabels({ labels: column, payload })).toEqual(labels);
    }
    expect(labelsColumn({ ruleName: "Disk" }, { tags: { ruleName: "Disk" } })).toBe('{"ruleName":"Disk"}');
    expect(labelsColumn({}, "not an object")).toBe("{}");
  });
});
