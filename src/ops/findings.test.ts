import { describe, expect, it } from "vitest";
import type { Incident } from "../api/index.js";
import { appendFinding, findingBlock, MAX_APPEND_ATTEMPTS } from "./findings.js";
import { declareIncident } from "./incidents.js";
import { type Intercept, type OpsTest, refusal, startOpsTest } from "./testing.js";

async function withOps(run: (ops: OpsTest) => Promise<void>, intercept?: Intercept): Promise<void> {
  const ops = await startOpsTest(intercept ? { intercept } : {});
  try {
    await run(ops);
  } finally {
    await ops.close();
  }
}

const declare = async (ops: OpsTest, summary?: string): Promise<Incident> =>
  (await declareIncident(ops.s, { name: "Findings", severity: "Minor", ...(summary ? { summary } : {}) }))
    .incident;

const count = (text: string | undefined, part: string) => (text ?? "").split(part).length - 1;

describe("appendFinding", () => {
  it("appends a timestamped block without notifying the channel", () =>
    withOps(async (ops) => {
      const incident = await declare(ops, "Card payments fail.");
      const result = await appendFinding(ops.s, incident.reference, {
        title: "Probable cause",
        body: "Deploy 42 exhausted the pool.",
        source: "investigator",
      });
      expect(result.appended).toBe(true);
      expect(result.attempts).toBe(1);
      expect(result.incident.summary).toBe(
        "Card payments fail.\n\n---\n**Probable cause** · 2024-05-02T09:30:00.000Z · investigator\n\nDeploy 42 exhausted the pool.\n",
      );
      const edit = ops.bodies[ops.requests.findIndex((r) => r.endsWith("/actions/edit"))];
      expect(edit).toMatchObject({ notify_incident_channel: false });
    }));

  it("starts an empty summary with the block, with default title and source", () =>
    withOps(async (ops) => {
      const incident = await declare(ops);
      const { incident: after } = await appendFinding(ops.s, incident.id, { body: "It was DNS." });
      expect(after.summary).toBe(
        "---\n**Finding** · 2024-05-02T09:30:00.000Z · incidentkit\n\nIt was DNS.\n",
      );
    }));

  it("skips a finding whose body is already there, whatever the whitespace", () =>
    withOps(async (ops) => {
      const incident = await declare(ops, "Start.");
      await appendFinding(ops.s, incident.id, { body: "Deploy 42 exhausted\nthe pool." });
      ops.clock.advance(60_000);
      const edits = ops.requests.filter((r) => r.endsWith("/actions/edit")).length;
      const again = await appendFinding(ops.s, incident.id, {
        title: "Again",
        body: "  Deploy 42   exhausted the pool. ",
      });
      expect(again.appended).toBe(false);
      expect(count(again.incident.summary, "exhausted")).toBe(1);
      expect(ops.requests.filter((r) => r.endsWith("/actions/edit")).length).toBe(edits);
    }));

  it("lands 10 parallel findings on one incident exactly once each", () =>
    withOps(async (ops) => {
      const incident = await declare(ops, "Parallel.");
      const bodies = Array.from({ length: 10 }, (_, i) => `Finding number ${i} is unique-${i}-marker.`);
      const results = await Promise.all(bodies.map((body) => appendFinding(ops.s, incident.id, { body })));
      expect(results.every((r) => r.appended)).toBe(true);
      const summary = (await ops.s.io.incidents.show(incident.id)).summary;
      for (const body of bodies) expect(count(summary, body)).toBe(1);
      expect(summary?.startsWith("Parallel.")).toBe(true);
    }));

  it("retries from the read when another writer's edit replaced ours, keeping both blocks", async () => {
    let raced = false;
    const otherBlock = findingBlock({ title: "Other", body: "The other writer's finding." }, new Date(0));
    let original = "";
    await withOps(
      async (ops) => {
        const incident = await declare(ops, "Race.");
        original = incident.summary ?? "";
        const result = await appendFinding(ops.s, incident.id, { body: "Ours." });
        expect(result.appended).toBe(true);
        expect(result.attempts).toBe(2);
        const summary = (await ops.s.io.incidents.show(incident.id)).summary;
        expect(count(summary, "The other writer's finding.")).toBe(1);
        expect(count(summary, "Ours.")).toBe(1);
      },
      async (method, path, ops) => {
        if (raced || method !== "POST" || !path.endsWith("/actions/edit")) return;
        raced = true;
        // The other writer read the summary before our write, and writes after it.
        await ops.bystander.incidents.edit(path.split("/")[3] as string, {
          notify_incident_channel: false,
          incident: { summary: original + otherBlock },
        });
      },
    );
    expect(raced).toBe(true);
  });

  it("gives up with a retryable error when every write is replaced", async () => {
    let replaced = 0;
    await withOps(
      async (ops) => {
        const incident = await declare(ops, "Busy.");
        const error = await refusal(appendFinding(ops.s, incident.id, { body: "Never lands." }));
        expect(error.code).toBe("conflict");
        expect(error.retryable).toBe(true);
        expect(replaced).toBe(MAX_APPEND_ATTEMPTS);
      },
      async (method, path, ops) => {
        if (method !== "POST" || !path.endsWith("/actions/edit")) return;
        replaced++;
        await ops.bystander.incidents.edit(path.split("/")[3] as string, {
          notify_incident_channel: false,
          incident: { summary: `Busy. ${replaced}` },
        });
      },
    );
  });

  it("refuses an empty body and a bad reference", () =>
    withOps(async (ops) => {
      const incident = await declare(ops);
      expect((await refusal(appendFinding(ops.s, incident.id, { body: "  " }))).code).toBe(
        "invalid_argument",
      );
      expect((await refusal(appendFinding(ops.s, "nope", { body: "x" }))).code).toBe("invalid_argument");
    }));
});
