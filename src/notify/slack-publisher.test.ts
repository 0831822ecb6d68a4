import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SlackDeliveryError } from "./slack-errors.js";
import { MemoryPostLedger, reportDigest, SlackPublisher, slackDedupeKey } from "./slack-publisher.js";
import { webhookSender } from "./slack-sender.js";
import { sampleReport } from "./testing/report-fixture.js";
import { type SlackSink, startSlackSink } from "./testing/slack-sink.js";

let sink: SlackSink;
beforeAll(async () => {
  sink = await startSlackSink();
});
afterAll(() => sink.close());
beforeEach(() => sink.script());

function publisher(ledger = new MemoryPostLedger()) {
  const sender = webhookSender(`${sink.url}/services/T1/B1/secret-part-123`, { maxAttempts: 1 });
  return { ledger, publisher: new SlackPublisher(sender, ledger) };
}

describe("SlackPublisher", () => {
  it("posts a report once: the same report again is skipped and Slack sees one message", async () => {
    const { publisher: p, ledger } = publisher();
    const first = await p.publish(sampleReport());
    const again = await p.publish(sampleReport({ generatedAt: "2026-11-23T14:09:00.000Z" }));
    expect(first.status).toBe("posted");
    expect(again).toEqual({
      status: "skipped",
      key: first.key,
      reason: "already posted to incoming webhook",
    });
    expect(sink.requests).toHaveLength(1);
    expect([...ledger.posted.keys()]).toEqual([first.key]);
  });

  it("shares one post between calls for the same report made at the same time", async () => {
    const { publisher: p } = publisher();
    const outcomes = await Promise.all([p.publish(sampleReport()), p.publish(sampleReport())]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["posted", "skipped"]);
    expect(sink.requests).toHaveLength(1);
  });

  it("posts a report whose findings changed, but one occasion only once whatever the report says", async () => {
    const { publisher: p } = publisher();
    await p.publish(sampleReport());
    const changed = await p.publish(sampleReport({ summary: "A different finding." }));
    expect(changed.status).toBe("posted");
    const created = await p.publish(sampleReport(), { occasion: "incident-created" });
    const redelivered = await p.publish(sampleReport({ summary: "Later." }), {
      occasion: "incident-created",
    });
    expect(created.status).toBe("posted");
    expect(redelivered.status).toBe("skipped");
    expect(sink.requests).toHaveLength(3);
  });

  it("does not record a failed post, so the next try posts", async () => {
    const { publisher: p, ledger } = publisher();
    sink.script({ status: 500, body: "rollup_error" });
    await expect(p.publish(sampleReport())).rejects.toBeInstanceOf(SlackDeliveryError);
    expect(ledger.posted.size).toBe(0);
    const retried = await p.publish(sampleReport());
    expect(retried.status).toBe("posted");
    expect(sink.requests).toHaveLength(2);
  });

  it("keys by destination without revealing it, by incident, and by occasion", () => {
    const { publisher: p } = publisher();
    const key = p.keyOf(sampleReport(), "incident-created");
    expect(key).toBe(slackDedupeKey("01JINCIDENT526", p.sender.destinationId, "incident-created"));
    expect(key).toMatch(/^slack:[0-9a-f]{16}:01JINCIDENT526:incident-created$/);
    expect(key).not.toContain("secret-part-123");
    const other = webhookSender(`${sink.url}/services/T1/B1/another-webhook`);
    expect(other.destinationId).not.toBe(p.sender.destinationId);
  });

  it("digests what the report says, not when it was generated", () => {
    expect(reportDigest(sampleReport())).toBe(
      reportDigest(sampleReport({ generatedAt: "2027-01-01T00:00:00Z" })),
    );
    expect(reportDigest(sampleReport())).not.toBe(
      reportDigest(sampleReport({ suggestedNextSteps: ["Page DBA"] })),
    );
  });
});
