import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertMirroredIncident } from "../../src/mirror/index.js";
import { mirroredIncident } from "../../src/mirror/testing.js";
import { openStore } from "../../src/store/index.js";
import { type CliWorld, expectKeyHidden, json, startCliWorld } from "./cli-harness.js";
import { writeHubState } from "./hub-harness.js";

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api, title: Payments API }
spec: { type: service, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team }
`;

const MARK = "**incidentkit investigation**";
let world: CliWorld;
let config: string;
let incident: { id: string; reference: string };

beforeAll(async () => {
  world = await startCliWorld();
  config = writeHubState(world, CATALOG, [
    "investigations: { auto: false, publish: { summary: true } }",
    "priorities: { Critical: P0, Major: P1, Minor: P2 }",
  ]);
  const now = Date.now();
  const past = mirroredIncident(
    { services: ["Payments API"], daysAgo: 6, now },
    {
      // The account the CLI reads with (from INCIDENT_IO_API_KEY): similar incidents stay within it.
      account: "env",
      reference: "INC-9001",
      name: "Payments API database connection pool exhausted",
      summary: "Requests time out waiting for a connection.\n\nRaised the pool size to 80.",
      permalink: "https://app.incident.io/acme/incidents/9001",
      customFields: [
        { fieldId: "cf-services", fieldName: "Affected services", values: [{ label: "Payments API" }] },
        { fieldId: "cf-root-cause", fieldName: "Root cause", values: [{ label: "The pool was too small." }] },
      ],
    },
  );
  const store = await openStore({ dataDir: join(world.home, "hub-data") });
  try {
    await upsertMirroredIncident(store.db, past, {}, new Date(now).toISOString());
  } finally {
    await store.close();
  }
  incident = await declare("cli-investigate-1", "Payments API connection pool exhausted again");
});

async function declare(key: string, name: string): Promise<{ id: string; reference: string }> {
  const response = await fetch(`${world.t.url}/v2/incidents`, {
    method: "POST",
    headers: { authorization: `Bearer ${world.t.adminKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      idempotency_key: key,
      visibility: "public",
      name,
      summary: "Checkout times out.",
      severity_id: world.snapshot.severities.at(-1)?.id,
    }),
  });
  return ((await response.json()) as { incident: { id: string; reference: string } }).incident;
}

afterAll(async () => {
  await world?.close();
});

async function summary(id: string): Promise<string> {
  const response = await fetch(`${world.t.url}/v2/incidents/${id}`, {
    headers: { authorization: `Bearer ${world.t.adminKey}` },
  });
  return ((await response.json()) as { incident: { summary?: string } }).incident.summary ?? "";
}

describe("incidentkit investigate", () => {
  it("prints the report as JSON: the incident with its priority, the similar past incident and how it ended", async () => {
    const run = await world.cli(["--json", "investigate", incident.reference, "--config", config]);
    expect(run.code, run.stderr).toBe(0);
    const { investigation } = json<{
      investigation: {
        trigger: string;
        published: { summary: string };
        report: {
          incident: {
            id: string;
            reference: string;
            priority: string | null;
            severity: { name: string } | null;
          };
          similarIncidents: { reference: string; resolution: string | null; reasons: string[] }[];
          probableCauses: { title: string; confidence: string }[];
        };
      };
    }>(run);
    expect(investigation.trigger).toBe("cli");
    expect(investigation.published.summary).toBe("off");
    const severity = world.snapshot.severities.at(-1)?.name;
    expect(investigation.report.incident).toMatchObject({ id: incident.id, reference: incident.reference });
    expect(investigation.report.incident.severity?.name).toBe(severity);
    expect(investigation.report.similarIncidents[0]).toMatchObject({
      reference: "INC-9001",
      resolution: expect.stringMatching(/^Root cause: The pool was too small\./),
    });
    expect(run.stdout).not.toContain("Raised the pool size");
    expect(await summary(incident.id)).not.toContain(MARK);
  });

  it("prints it readably, and with --publish appends it to the summary", async () => {
    const run = await world.cli(["investigate", incident.id, "--config", config, "--publish"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${incident.reference}  Payments API connection pool exhausted again  (`);
    expect(run.stdout).toMatch(
      /Probable causes\n {2}1\. Looks like INC-9001 \(score 0\.\d\d\); the latest recorded resolution \(INC-9001\): Root cause: The pool was too small\./,
    );
    expect(run.stdout).toContain("Published: summary published");
    const text = await summary(incident.id);
    expect(text.startsWith("Checkout times out.")).toBe(true);
    expect(text.split(MARK)).toHaveLength(2);
    expect(text).toContain("[INC-9001](https://app.incident.io/acme/incidents/9001)");
    expectKeyHidden([run], world.t.adminKey);
  });

  it("appends nothing when a second run finds the same", async () => {
    const lone = await declare("cli-investigate-2", "Status page shows a stale banner");
    const first = await world.cli(["investigate", lone.reference, "--config", config, "--publish"]);
    const second = await world.cli(["investigate", lone.reference, "--config", config, "--publish"]);
    expect(first.stdout, first.stderr).toContain("Published: summary published");
    expect(second.stdout, second.stderr).toContain("Published: summary already");
    expect((await summary(lone.id)).split(MARK)).toHaveLength(2);
  });

  it("says plainly when the hub has no database to investigate from", async () => {
    const run = await world.cli([
      "investigate",
      incident.reference,
      "--data-dir",
      join(world.home, "nowhere"),
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("no hub database");
  });
});
