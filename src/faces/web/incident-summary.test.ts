/**
 * The incident page's summary and updates as Markdown: rendered, hostile parts inert, and incidentkit's findings
 * blocks in the summary left out while the Findings section shows the investigation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createInvestigation,
  FINDINGS_TITLE,
  findingsMarkdown,
  saveReport,
} from "../../investigate/investigation/index.js";
import type { FindingsReport } from "../../investigate/report.js";
import { findingBlock } from "../../ops/findings.js";
import { IncidentPage } from "./pages/incident.js";
import { webRoutes } from "./routes.js";
import { type HubWorld, startHubWorld } from "./testing/hub-world.js";

const WRITTEN = [
  "**Card payments declined** above 30% since 14:02.",
  "Dashboard: [p99 latency](https://grafana.example.com/d/payments)",
  "",
  "- rolled back v42",
  "- [watch this](javascript:alert(1)) <script>alert(2)</script> <img src=x onerror=alert(3)>",
].join("\n");

let world: HubWorld;

/** The page's HTML for an incident. */
async function pageOf(id: string): Promise<string> {
  const response = await webRoutes(world.data, { clock: world.clock }).request(`/incidents/${id}`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The summary block of the page. */
const summaryOf = (html: string) => /<div class="markdown summary">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";

function reportFor(incident: { id: string; reference: string; createdAt: string }): FindingsReport {
  return {
    incident: {
      id: incident.id,
      reference: incident.reference,
      name: "Card payments declined",
      severity: { name: "Major", rank: 2 },
      priority: "P1",
      status: { name: "Fixing", category: "live" },
      permalink: null,
      createdAt: incident.createdAt,
    },
    generatedAt: incident.createdAt,
    summary: "The declines began 20 min after the payments v42 deploy.",
    probableCauses: [
      { title: "payments v42 deploy", confidence: "medium", evidence: [{ text: "deploy 20 min before" }] },
    ],
    similarIncidents: [],
    changes: [],
    suggestedNextSteps: ["Roll back payments v42"],
  };
}

beforeAll(async () => {
  world = await startHubWorld();
}, 30_000);
afterAll(() => world?.close());

describe("the incident page's summary", () => {
  it("renders the summary's Markdown and leaves its hostile parts as text", async () => {
    const incident = await world.mirrorIncident({ daysAgo: 1, summary: WRITTEN });
    const summary = summaryOf(await pageOf(incident.id));
    expect(summary).toContain("<strong>Card payments declined</strong> above 30% since 14:02.<br>");
    expect(summary).toContain(
      '<a href="https://grafana.example.com/d/payments" rel="noopener noreferrer nofollow">p99 latency</a>',
    );
    expect(summary).toContain("<li>rolled back v42</li>");
    expect(summary).toContain("[watch this](javascript:alert(1))");
    expect(summary).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(summary).toContain("&lt;img src=x onerror=alert(3)&gt;");
    expect(summary).not.toMatch(/<script|<img|href="javascript/i);
  });

  it("leaves the findings block out of the summary while the Findings section shows the investigation", async () => {
    const created = new Date(world.now - 3_600_000).toISOString();
    const incident = await world.mirrorIncident({ daysAgo: 0.05, createdAt: created });
    const report = reportFor({ id: incident.id, reference: incident.reference, createdAt: created });
    const block = findingBlock(
      { title: FINDINGS_TITLE, body: findingsMarkdown(report), source: "incidentkit auto investigation" },
      new Date(world.now),
    );
    await world.mirrorIncident({ ...incident, daysAgo: 0.05, summary: `${WRITTEN}${block}` });

    // No stored investigation yet: the block is all the page has of it, so it is shown, as Markdown.
    const before = await pageOf(incident.id);
    expect(summaryOf(before)).toContain(`<hr>\n<p><strong>${FINDINGS_TITLE}</strong>`);
    expect(summaryOf(before)).toContain("<strong>Probable causes</strong>");
    expect(before).toContain("No investigation yet.");
    expect(before).not.toContain('class="muted small findings-note"');

    const id = await createInvestigation(world.store, { account: "prod", id: incident.id }, "cli", created);
    await saveReport(world.store, id, report);
    const after = await pageOf(incident.id);
    const summary = summaryOf(after);
    expect(summary).toContain("<strong>Card payments declined</strong>");
    expect(summary).not.toContain(FINDINGS_TITLE);
    expect(summary).not.toContain("Probable causes");
    expect(summary).not.toContain("<hr>");
    expect(after.split("The declines began 20 min after the payments v42 deploy.")).toHaveLength(2);
    expect(after).toContain('<p class="muted small findings-note">');
    expect(after).toContain('<a href="#findings">Findings</a>');
  });

  it("shows a summary that is only a findings block as nothing but the note", async () => {
    const created = new Date(world.now - 7_200_000).toISOString();
    const incident = await world.mirrorIncident({ daysAgo: 0.1, createdAt: created });
    const report = reportFor({ id: incident.id, reference: incident.reference, createdAt: created });
    const block = findingBlock(
      { title: FINDINGS_TITLE, body: findingsMarkdown(report) },
      new Date(world.now),
    );
    await world.mirrorIncident({ ...incident, daysAgo: 0.1, summary: block.trimStart() });
    await saveReport(
      world.store,
      await createInvestigation(world.store, { account: "prod", id: incident.id }, "cli", created),
      report,
    );
    const html = await pageOf(incident.id);
    expect(summaryOf(html)).toBe("");
    expect(html).not.toContain('class="markdown summary"');
    expect(html).toContain('<p class="muted small findings-note">');
  });
});

describe("the incident page's updates", () => {
  it("renders each update's message as Markdown, its hostile parts as text", async () => {
    const incident = await world.mirrorIncident({ daysAgo: 2, summary: "Checkout down." });
    const model = await world.data.incident(incident.id);
    if (!model) throw new Error("the incident has a page");
    const entry = { by: "Ana", status: { name: "Fixing", changed: true }, severity: null };
    const html = await IncidentPage({
      model: {
        ...model,
        timeline: {
          state: "ok",
          entries: [
            {
              ...entry,
              at: incident.createdAt,
              message: "Rolled back **v42**; see [the run](https://ci.example.com/42)",
            },
            { ...entry, at: incident.createdAt, message: "<script>alert(1)</script> [x](data:text/html,hi)" },
          ],
        },
      },
      now: world.now,
    }).toString();
    const messages = [...html.matchAll(/<div class="markdown update-message">([\s\S]*?)<\/div>/g)].map(
      (m) => m[1],
    );
    expect(messages).toEqual([
      '<p>Rolled back <strong>v42</strong>; see <a href="https://ci.example.com/42" rel="noopener noreferrer nofollow">the run</a></p>\n',
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](data:text/html,hi)</p>\n",
    ]);
  });
});
