import { describe, expect, it } from "vitest";
import { incidentSummary } from "./incident-summary.js";
import { alert } from "./rules/testing.js";

describe("incidentSummary", () => {
  it("keeps a sender's links inside their autolinks and escapes its text", () => {
    const event = alert({
      sourceUrl: "https://grafana.example/d/x>[Reset your password](https://evil.example)",
      annotations: {
        message: "![pixel](https://track.example/p.gif) <b>hi</b>",
        runbook_url: "javascript:alert(1)",
      },
    });
    const summary = incidentSummary(undefined, event, { firing: [event], truncated: 0 });
    expect(summary).toContain(
      "Source: <https://grafana.example/d/x%3E[Reset%20your%20password](https://evil.example)>",
    );
    expect(summary).toContain("!\\[pixel\\](https://track.example/p.gif) \\<b\\>hi\\</b\\>");
    expect(summary).not.toContain("Runbook");
  });
});
