import { describe, expect, it } from "vitest";
import type { Block, SlackMessage } from "./block-kit.js";
import { renderFindings } from "./slack-blocks.js";
import { sampleReport } from "./testing/report-fixture.js";

/** Every mrkdwn text in the message, in order. */
function mrkdwnTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((block) =>
    block.type === "section"
      ? [block.text.text]
      : block.type === "context"
        ? block.elements.map((e) => e.text)
        : [],
  );
}

function sectionStarting(message: SlackMessage, start: string): string {
  const found = mrkdwnTexts(message).find((text) => text.startsWith(start));
  if (found === undefined) throw new Error(`no section starts with ${start}`);
  return found;
}

/** Slack's limits, checked on every block. */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks) {
    if (block.type === "header") expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === "section") expect(block.text.text.length).toBeLessThanOrEqual(3000);
    if (block.type === "context") {
      expect(block.elements.length).toBeLessThanOrEqual(10);
      for (const element of block.elements) expect(element.text.length).toBeLessThanOrEqual(3000);
    }
  }
}

/** The targets of every `<…>` control sequence in the message's mrkdwn. */
function controlSequences(message: SlackMessage): string[] {
  return [...mrkdwnTexts(message), message.text].flatMap((text) =>
    [...text.matchAll(/<([^>]*)>/g)].map((m) => m[1] as string),
  );
}

describe("renderFindings", () => {
  const message = renderFindings(sampleReport());

  it("opens with the priority, severity, reference and name, then a link to the incident in incident.io", () => {
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: {
        type: "plain_text",
        text: "P0 · Critical · INC-526 · Payments API failing: database connection pool exhausted",
        emoji: true,
      },
    });
    const line = (message.blocks[1] as Extract<Block, { type: "context" }>).elements[0]?.text;
    expect(line).toContain("<https://app.incident.io/acme-cloud/incidents/526|Open INC-526 in incident.io>");
    expect(line).toContain("status: *Investigating*");
    expect(line).toContain("<!date^1795442700^{date_short_pretty} {time}|2026-11-23 14:05 UTC>");
  });

  it("gives the summary, then each probable cause with its confidence and linked evidence", () => {
    expect(sectionStarting(message, "*Summary*")).toBe(
      "*Summary*\nPayments API has returned 5xx since 14:03. A deploy of payments-api 25 minutes earlier lowered the connection pool size; INC-498 looked the same and was fixed by a rollback.",
    );
    expect(sectionStarting(message, "*Probable causes*")).toBe(
      [
        "*Probable causes*",
        "*1. Deploy of payments-api v2.14.0 lowered the pool size* · confidence 🔴 high",
        "• <https://github.com/acme/payments/deployments/881|deploy to payments-api 25 min before>",
        "• INC-498 (score 0.91) had the same terms: connection pool, exhausted",
      ].join("\n"),
    );
    expect(sectionStarting(message, "*2. Database failover*")).toBe(
      "*2. Database failover* · confidence ⚪ low\n• _no evidence recorded_",
    );
  });

  it("shows the top 3 similar incidents with links, scores, reasons and how each was resolved", () => {
    expect(sectionStarting(message, "*Similar incidents*")).toBe("*Similar incidents* (top 3 of 4)");
    const first = sectionStarting(message, "*<https://app.incident.io/acme-cloud/incidents/498|INC-498>*");
    expect(first).toBe(
      [
        "*<https://app.incident.io/acme-cloud/incidents/498|INC-498>* Payments API connection pool exhausted (498) · score *0.91*",
        "_Why:_ same service: payments-api; shared terms: connection pool, exhausted; 3 days earlier",
        "_How it was resolved (Closed):_ Rolled back v2.9.1; pool size restored to 50.",
      ].join("\n"),
    );
    expect(
      sectionStarting(message, "*<https://app.incident.io/acme-cloud/incidents/455|INC-455>*"),
    ).toContain("_How it was resolved:_ not recorded (status Closed)");
    expect(mrkdwnTexts(message).join("\n")).not.toContain("INC-401");
  });

  it("never asks how a similar incident still open was resolved", () => {
    const base = sampleReport();
    const [first] = base.similarIncidents;
    if (!first) throw new Error("the sample report has similar incidents");
    const open = { ...first, status: "Fixing", resolved: false, resolution: null };
    const shown = renderFindings(sampleReport({ similarIncidents: [open] }));
    const section = sectionStarting(shown, `*<${first.permalink}|${first.reference}>*`);
    expect(section).toContain("_Not resolved_ (status Fixing)");
    expect(section).not.toContain("How it was resolved");
  });

  it("lists the 5 newest changes, marks a dependency's change and says how many were left out", () => {
    const changes = sectionStarting(message, "*Changes before the incident*").split("\n");
    expect(changes).toEqual([
      "*Changes before the incident* (newest first)",
      "• deploy to payments-api, 25 min before by alice: change number 1 <https://github.com/acme/payments/deployments/881|view>",
      "• feature flag to payments-api, 50 min before: change number 2",
      "• deploy to ledger-db (a dependency of payments-api), 1 h 15 min before: change number 3",
      "• deploy to payments-api, 1 h 40 min before: change number 4",
      "• deploy to payments-api, 2 h 5 min before: change number 5",
      "_…and 1 older change left out_",
    ]);
  });

  it("ends with the next steps and a footer, and has a plain notification text", () => {
    expect(sectionStarting(message, "*Suggested next steps*")).toBe(
      "*Suggested next steps*\n1. Roll back payments-api to v2.13.2\n2. Watch the pool saturation graph",
    );
    const footer = message.blocks[message.blocks.length - 1] as Extract<Block, { type: "context" }>;
    expect(footer.elements[0]?.text).toBe(
      "incidentkit investigation · generated at <!date^1795442742^{date_short_pretty} {time}|2026-11-23 14:05 UTC>",
    );
    expect(message.text).toBe(
      "P0 · Critical · INC-526 · Payments API failing: database connection pool exhausted: investigation findings. Probable cause: Deploy of payments-api v2.14.0 lowered the pool size (high confidence)",
    );
    expectWithinLimits(message);
  });

  it("says so when nothing was found, rather than leaving sections out", () => {
    const empty = renderFindings(sampleReport({ probableCauses: [], similarIncidents: [], changes: [] }));
    const all = mrkdwnTexts(empty).join("\n");
    expect(all).toContain("*Probable causes*\n_None found: nothing below points to a cause yet._");
    expect(all).toContain("*Similar incidents*\n_None above the similarity threshold._");
    expect(all).toContain("_No change to its services or their dependencies._");
  });
});

describe("hostile incident text", () => {
  const hostile = "<!channel> pay now <https://evil.example|click> & <@U123>";
  const base = sampleReport();
  const message = renderFindings(
    sampleReport({
      incident: { ...base.incident, name: hostile },
      summary: `Summary ${hostile}`,
      probableCauses: [
        {
          title: hostile,
          confidence: "medium",
          evidence: [{ text: hostile, link: "https://grafana.example/d/1?a=1&b=<2>" }],
        },
      ],
      similarIncidents: [
        { ...(base.similarIncidents[0] as (typeof base.similarIncidents)[0]), name: hostile },
      ],
      changes: [
        { ...(base.changes[0] as (typeof base.changes)[0]), description: hostile, author: "<!here>" },
      ],
      suggestedNextSteps: [hostile],
    }),
  );

  it("cannot mention anyone or plant a link: every control sequence is one incidentkit made", () => {
    for (const target of controlSequences(message)) {
      expect(target).toMatch(/^(https:\/\/(app\.incident\.io|github\.com|grafana\.example)\/|!date\^)/);
    }
    const all = [...mrkdwnTexts(message), message.text].join("\n");
    expect(all).toContain("&lt;!channel&gt; pay now &lt;https://evil.example|click&gt; &amp; &lt;@U123&gt;");
    expect(all).toContain("&lt;!here&gt;");
  });

  it("escapes the characters of a link's own URL so it cannot end the link early", () => {
    expect(mrkdwnTexts(message).join("\n")).toContain("<https://grafana.example/d/1?a=1&amp;b=%3C2%3E|");
  });

  it("keeps the header as plain text, which Slack never reads as a mention", () => {
    const headerBlock = message.blocks[0] as Extract<Block, { type: "header" }>;
    expect(headerBlock.text.type).toBe("plain_text");
    expect(headerBlock.text.text).toContain(hostile);
  });

  it("says when the incident has no incident.io link", () => {
    const unlinked = renderFindings(sampleReport({ incident: { ...base.incident, permalink: null } }));
    expect(mrkdwnTexts(unlinked).join("\n")).toContain("INC-526 (no incident.io link known)");
  });
});

describe("Slack's limits", () => {
  const base = sampleReport();

  it("cuts a header over 150 characters with an ellipsis", () => {
    const long = renderFindings(sampleReport({ incident: { ...base.incident, name: "x".repeat(400) } }));
    const text = (long.blocks[0] as Extract<Block, { type: "header" }>).text.text;
    expect(text.length).toBe(150);
    expect(text.endsWith("…")).toBe(true);
  });

  it("cuts a long summary to 3,000 characters and says how much was left out", () => {
    const long = renderFindings(sampleReport({ summary: "word ".repeat(2000) }));
    const summary = sectionStarting(long, "*Summary*");
    expect(summary.length).toBeLessThanOrEqual(3000);
    expect(summary).toMatch(/… _\(\d[\d,]* more characters left out\)_$/);
    expectWithinLimits(long);
  });

  it("counts escapes against the limit and never cuts one in half", () => {
    const long = renderFindings(sampleReport({ summary: "&".repeat(2000) }));
    const summary = sectionStarting(long, "*Summary*");
    expect(summary.length).toBeLessThanOrEqual(3000);
    const body = summary.slice("*Summary*\n".length, summary.indexOf("…"));
    expect(body).toMatch(/^(&amp;)+$/);
    expect(summary).toMatch(/_\(1,4\d\d more characters left out\)_$/);
  });

  it("keeps whole evidence lines of a cause that would pass 3,000 characters, naming how many were left out", () => {
    const evidence = Array.from({ length: 60 }, (_, i) => ({ text: `evidence ${i} ${"e".repeat(150)}` }));
    const long = renderFindings(
      sampleReport({ probableCauses: [{ title: "Big", confidence: "high", evidence }] }),
    );
    const cause = sectionStarting(long, "*Probable causes*");
    expect(cause.length).toBeLessThanOrEqual(3000);
    const lines = cause.split("\n");
    const kept = lines.filter((line) => line.startsWith("• evidence")).length;
    expect(lines[lines.length - 1]).toBe(`_…and ${60 - kept} more lines left out_`);
    expect(kept).toBeGreaterThan(10);
  });

  it("shows 5 probable causes and names the rest", () => {
    const causes = Array.from({ length: 20 }, (_, i) => ({
      title: `Cause ${i + 1}`,
      confidence: "low" as const,
      evidence: [],
    }));
    const many = renderFindings(sampleReport({ probableCauses: causes }));
    const all = mrkdwnTexts(many).join("\n");
    expect(all).toContain("*5. Cause 5*");
    expect(all).not.toContain("*6. Cause 6*");
    expect(all).toContain("_…and 15 more probable causes left out_");
  });

  it("never sends more than 50 blocks: the footer stays and a note says how many were left out", () => {
    const causes = Array.from({ length: 80 }, (_, i) => ({
      title: `Cause ${i + 1}`,
      confidence: "low" as const,
      evidence: [],
    }));
    const many = renderFindings(sampleReport({ probableCauses: causes }), { maxCauses: 80 });
    expect(many.blocks).toHaveLength(50);
    expectWithinLimits(many);
    const texts = mrkdwnTexts(many);
    expect(texts[texts.length - 1]).toContain("incidentkit investigation · generated at");
    expect(texts[texts.length - 2]).toMatch(/^_…\d+ more blocks left out: Slack shows at most 50_$/);
  });
});
