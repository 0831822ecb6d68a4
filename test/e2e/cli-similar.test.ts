import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertMirroredIncident } from "../../src/mirror/index.js";
import { mirroredIncident } from "../../src/mirror/testing.js";
import { openStore } from "../../src/store/index.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";
import { writeHubState } from "./hub-harness.js";

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api, title: Payments API }
spec: { type: service, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search, title: Search }
spec: { type: service, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team }
`;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let world: CliWorld;
let config: string;

beforeAll(async () => {
  world = await startCliWorld();
  config = writeHubState(world, CATALOG, ["account: prod"]);
  const now = Date.now();
  const made = [
    mirroredIncident(
      { services: ["Payments API"], daysAgo: 30, now },
      {
        reference: "INC-11",
        name: "Payments API database connection pool exhausted",
        summary: "Requests time out waiting for a connection.\n\nRaised the pool size to 80.",
        resolvedAt: new Date(now - 30 * DAY + 2 * HOUR).toISOString(),
        customFields: [
          { fieldId: "cf-services", fieldName: "Affected services", values: [{ label: "Payments API" }] },
          {
            fieldId: "cf-root-cause",
            fieldName: "Root cause",
            values: [{ label: "The pool was too small." }],
          },
        ],
      },
    ),
    mirroredIncident(
      { services: ["Search"], daysAgo: 20, now },
      { reference: "INC-12", name: "Search results stale after reindex" },
    ),
    mirroredIncident(
      { services: ["Payments API"], daysAgo: 1, now },
      {
        reference: "INC-13",
        name: "Payments API connection pool exhausted",
        summary: "Requests time out waiting for a database connection.",
        status: { id: "st-live", name: "Fixing", category: "live" },
        resolvedAt: null,
      },
    ),
  ];
  const store = await openStore({ dataDir: join(world.home, "hub-data") });
  try {
    for (const incident of made)
      await upsertMirroredIncident(store.db, incident, {}, new Date(now).toISOString());
  } finally {
    await store.close();
  }
}, 30_000);

afterAll(() => world?.close());

describe("incidentkit similar", () => {
  it("prints each similar incident with its score, reasons and how it ended", async () => {
    const run = await world.cli(["similar", "INC-13", "--config", config]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^1 incident similar to INC-13 “Payments API connection pool exhausted” \(\d+ compared\):/,
    );
    expect(run.stdout).toMatch(
      /\n0\.\d\d {2}INC-11 {2}Payments API database connection pool exhausted {2}\(Major, Closed, \S+ ago\)/,
    );
    expect(run.stdout).toMatch(/why: .*same service: Payments API/);
    expect(run.stdout).toMatch(/why: .*shared terms: .*connection pool exhausted/);
    // Its root cause field says how; the last paragraph of its summary is not quoted.
    expect(run.stdout).toContain("how it ended: Closed, resolved in 2h: Root cause: The pool was too small.");
    expect(run.stdout).not.toContain("Raised the pool size");
    expect(run.stdout).not.toContain("INC-12");
  });

  it("finds by text and service, with --json, a threshold and a limit", async () => {
    const run = await world.cli([
      "--json",
      "similar",
      "--text",
      "connection pool exhausted",
      "--service",
      "Payments API",
      "--threshold",
      "0.2",
      "--limit",
      "1",
      "--config",
      config,
    ]);
    expect(run.code).toBe(0);
    const { similar } = json<{ similar: { query: unknown; results: Array<Record<string, unknown>> } }>(run);
    expect(similar.query).toEqual({
      incident: null,
      text: "connection pool exhausted",
      services: ["Payments API"],
    });
    expect(similar.results).toHaveLength(1);
    expect(similar.results[0]).toMatchObject({
      reasons: expect.arrayContaining(["same service: Payments API"]),
    });
    expect(similar.results[0]?.score).toEqual(expect.any(Number));
  });

  it("says what is wrong: nothing to compare, a bad threshold, an incident the mirror lacks", async () => {
    const none = await world.cli(["similar", "--config", config]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("give an incident, or --text");
    const bad = await world.cli(["similar", "INC-13", "--threshold", "2", "--config", config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--threshold must be a number from 0 to 1");
    const missing = await world.cli(["similar", "INC-404", "--config", config]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain("incident INC-404 is not in the hub's mirror");
  });
});
