/** The findings section's follow-ups of similar incidents: what it says, and outside text kept inert. */
import { describe, expect, it } from "vitest";
import { sampleReport } from "../../notify/testing/report-fixture.js";
import { findingsView } from "./hub-data/incident-page.js";
import { PastFollowUps } from "./pages/past-follow-ups.js";

const followUp = {
  id: "01JFOLLOWUP0000000000000001",
  title: "Alert on pool saturation <script>alert(1)</script>",
  status: "outstanding",
  assignee: "Priya Raman",
  priority: "High",
  issue: { name: "PAY-101", link: "https://acme.atlassian.net/browse/PAY-101" },
};

describe("the findings' follow-ups of similar incidents", () => {
  it("says how many are still open and lists each incident's, with their issues", async () => {
    const report = sampleReport({
      pastFollowUps: {
        incidents: [
          {
            incidentId: "01JINCIDENT498",
            reference: "INC-498",
            name: "Payments pool exhausted",
            permalink: "https://app.incident.io/acme-cloud/incidents/498",
            followUps: [
              followUp,
              { ...followUp, id: "2", title: "Raise the pool", status: "completed", issue: null },
            ],
            total: 2,
            outstanding: 1,
          },
        ],
        unread: ["INC-470"],
      },
      warnings: ["the follow-ups of INC-470 could not be read, so they are not listed: 500"],
    });
    const view = findingsView(report);
    expect(view.pastFollowUps?.headline).toBe(
      "Last time this happened: 2 follow-ups from 1 similar incident; 1 is still open.",
    );
    expect(view.warnings).toHaveLength(1);
    const html = String(await PastFollowUps({ view: view.pastFollowUps }));
    expect(html).toContain("Last time this happened: 2 follow-ups from 1 similar incident; 1 is still open.");
    expect(html).toContain('href="https://app.incident.io/acme-cloud/incidents/498"');
    expect(html).toContain('href="https://acme.atlassian.net/browse/PAY-101"');
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("The follow-ups of INC-470 could not be read.");
  });

  it("shows nothing for a report made before follow-ups were read", () => {
    const view = findingsView(sampleReport());
    expect(view.pastFollowUps).toBeNull();
    expect(PastFollowUps({ view: view.pastFollowUps })).toBeNull();
  });
});
