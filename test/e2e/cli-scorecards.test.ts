/**
 * `incidentkit scorecards check` as a CI step runs it: a real process reading the hub's config, catalog,
 * scorecards and mirrored incidents, exiting 1 when a rule fails.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type MirroredIncident, upsertMirroredIncident } from "../../src/mirror/index.js";
import { mirroredIncident } from "../../src/mirror/testing.js";
import { openStore } from "../../src/store/index.js";
import { type CliWorld, startCliWorld } from "./cli-harness.js";
import { writeHubState } from "./hub-harness.js";

let world: CliWorld;
let config: string;

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api, title: Payments API }
spec: { type: service, lifecycle: production, owner: payments-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search, title: Search }
spec: { type: service, lifecycle: production, owner: payments-team }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments-team }
spec: { type: team }
`;

const SCORECARD = `
name: Reliability
filter: { kinds: [Component] }
levels:
  - name: Bronze
    rules:
      - name: Few major incidents
        expression: count(incidents where severity >= "Major" and created within 90d) <= 2
        hint: Fix the causes of the last major incidents.
`;

const incident = (n: number, service: string): MirroredIncident =>
  mirroredIncident({ services: [service], daysAgo: n }, { id: `INC${n}`, reference: `INC-${n}` });

beforeAll(async () => {
  world = await startCliWorld();
  writeFileSync(join(world.home, "reliability.yaml"), SCORECARD);
  config = writeHubState(world, CATALOG, ["account: prod", "scorecards: ./reliability.yaml"]);
  const store = await openStore({ dataDir: join(world.home, "hub-data") });
  for (const n of [1, 2, 3])
    await upsertMirroredIncident(store.db, incident(n, "Payments API"), {}, "2026-01-01T00:00:00.000Z");
  await upsertMirroredIncident(store.db, incident(4, "Search"), {}, "2026-01-01T00:00:00.000Z");
  await store.close();
});

afterAll(() => world?.close());

it("prints each failing rule with its figures and hint, and exits 1", async () => {
  const run = await world.cli(["scorecards", "check", "--config", config]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(1);
  expect(run.stdout).toContain("component:default/payments-api: no level");
  expect(run.stdout).toContain(
    "✗ [Bronze] Few major incidents: 3 incidents of severity >= Major in the past 90 days; at most 2 allowed",
  );
  expect(run.stdout).toContain("hint: Fix the causes of the last major incidents.");
  expect(run.stdout).toContain("component:default/search: Bronze (every rule passes)");
});

it("exits 0 for an entity whose rules all pass, and says which entity is unknown", async () => {
  const passing = await world.cli(["scorecards", "check", "--config", config, "--entity", "search"]);
  expect(passing.code).toBe(0);
  expect(passing.stdout).not.toContain("payments-api");
  const unknown = await world.cli(["scorecards", "check", "--config", config, "--entity", "checkout"]);
  expect(unknown.code).toBe(3);
  expect(unknown.stderr).toContain('the catalog has no entity "checkout"');
});

it("answers in JSON with every rule's outcome", async () => {
  const run = await world.cli([
    "--json",
    "scorecards",
    "check",
    "--config",
    config,
    "--scorecard",
    "reliability",
  ]);
  expect(run.code).toBe(1);
  const body = JSON.parse(run.stdout) as {
    failed: boolean;
    scorecards: Array<{ scorecard: string; entities: Array<{ entity: string; level: string | null }> }>;
  };
  expect(body.failed).toBe(true);
  expect(body.scorecards[0]?.entities.map((e) => [e.entity, e.level])).toEqual([
    ["component:default/payments-api", null],
    ["component:default/search", "Bronze"],
  ]);
});

it("grades the entities of the account asked for, and refuses an account the hub does not serve", async () => {
  const graded = await world.cli(["--json", "--account", "prod", "scorecards", "check", "--config", config]);
  const [card] = JSON.parse(graded.stdout).scorecards as { entities: { entity: string }[] }[];
  expect(card?.entities.map((entry) => entry.entity).sort()).toEqual([
    "component:default/payments-api",
    "component:default/search",
  ]);
  const refused = await world.cli(["--account", "elsewhere", "scorecards", "check", "--config", config]);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain("holds the incidents of account prod, not elsewhere's");
  const history = await world.cli(["--account", "elsewhere", "alerts", "history", "--config", config]);
  expect(history.code).not.toBe(0);
  expect(history.stderr).toContain("holds the incidents of account prod, not elsewhere's");
});
