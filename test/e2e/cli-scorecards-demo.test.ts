/**
 * The example scorecard over the demo: the demo organisation's incidents mirrored from the emulator, the package's
 * example catalog and scorecard, as the demo hub grades them. Levels vary because the facts do: services paged
 * through PagerDuty or Opsgenie or not at all, documented or not, with Critical incidents this quarter or none.
 *
 * The demo's history is drawn afresh for the moment it starts (incidents fall in working hours), so the first part
 * grades it at a fixed moment, level by level; the second runs `incidentkit scorecards check` on a history drawn
 * now and holds it to what does not depend on the draw.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IncidentIo } from "../../src/api/index.js";
import { ServiceDirectory } from "../../src/app/directory.js";
import { demoCatalogDir } from "../../src/catalog/index.js";
import { demoScorecardsDir } from "../../src/hub/demo.js";
import { Mirror } from "../../src/mirror/index.js";
import { openSession } from "../../src/ops/index.js";
import type { ScorecardResult } from "../../src/scorecards/index.js";
import { type Clock, ManualClock } from "../../src/shared/clock.js";
import { openStore, type Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { type CliWorld, startCliWorld } from "./cli-harness.js";

const CATALOG = { dir: demoCatalogDir(), field: "Affected services" };
const PAGED = 'annotation "pagerduty.com/service-id" is not set; annotation "opsgenie.com/team" is not set';
const PAGED_HINT =
  "Set the pagerduty.com/service-id (or opsgenie.com/team) annotation to where its alerts page someone.";

/** Starts the demo emulator at the clock's moment and mirrors its incidents into `store` as account prod. */
async function mirrorDemo(store: Store, clock?: Clock): Promise<TestEmulator> {
  const demo = await startTestEmulator({ ephemeral: true, seed: "demo", ...(clock ? { clock } : {}) });
  const io = new IncidentIo({
    apiKey: demo.adminKey,
    baseUrl: demo.url,
    fetch: demo.fetch,
    rateLimit: false,
  });
  await new Mirror(store, [openSession(io, { alias: "prod", ...(clock ? { clock } : {}) })], {
    ...(clock ? { clock } : {}),
  }).sync("prod");
  return demo;
}

/** Each entity's level by its name: `payments-api: "Bronze"`, null for no level. */
function levelsOf(result: Pick<ScorecardResult, "entities"> | undefined): Record<string, string | null> {
  return Object.fromEntries(result?.entities.map((e) => [e.entity.split("/")[1], e.level]) ?? []);
}

describe("the example scorecard over the demo, at a fixed moment", () => {
  const clock = new ManualClock(Date.parse("2026-06-10T10:00:00Z"));
  let demo: TestEmulator | undefined;
  let store: Store | undefined;
  let result: ScorecardResult | undefined;

  beforeAll(async () => {
    store = await openTestStore();
    demo = await mirrorDemo(store, clock);
    const directory = ServiceDirectory.open({
      store,
      clock,
      catalog: CATALOG,
      scorecards: demoScorecardsDir(),
      account: "prod",
    });
    [result] = (await directory.current()).scorecards;
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await demo?.close();
  });

  it("gives Gold, Silver, Bronze and no level, each from the service's own facts", () => {
    expect(levelsOf(result)).toEqual({
      // Documented, quick, no Critical incident.
      search: "Gold",
      notifications: "Gold",
      // Paged through Opsgenie, no Critical incident, but no docs.
      "data-pipeline": "Silver",
      shipping: "Silver",
      // Critical incidents this quarter and many major ones.
      "payments-api": "Bronze",
      ledger: "Bronze",
      "auth-service": "Bronze",
      "mobile-gateway": "Bronze",
      // No PagerDuty or Opsgenie annotation.
      "billing-worker": null,
      inventory: null,
    });
  });

  it("says why each one stops where it does", () => {
    const failed = (name: string) =>
      result?.entities
        .find((e) => e.entity === `component:default/${name}`)
        ?.rules.filter((rule) => rule.outcome === "fail")
        .map((rule) => `${rule.level}/${rule.rule}: ${rule.explanation}`);
    expect(failed("search")).toEqual([]);
    expect(failed("shipping")).toEqual([
      `Gold/Documented: annotation "backstage.io/techdocs-ref" is not set`,
    ]);
    expect(failed("payments-api")).toEqual([
      "Silver/No Critical incident for a quarter: the last incident of severity >= Critical (INC-495) was 9d 23h ago; at least 90d required",
      "Silver/Few major incidents: 24 incidents of severity >= Major in the past 90 days; at most 12 allowed",
      "Silver/Customers rarely see it: 10 incidents with Customer impact Widespread in the past 90 days; at most 3 allowed",
      "Gold/Consistently quick: 95th percentile time to resolve 2d 10h over 51 resolved incidents in the past 180 days; at most 48h allowed",
    ]);
    expect(failed("billing-worker")?.[0]).toBe(`Bronze/Someone is paged: ${PAGED}`);
  });
});

describe("incidentkit scorecards check over the demo drawn now", () => {
  let world: CliWorld;
  let demo: TestEmulator | undefined;
  let config: string;

  beforeAll(async () => {
    world = await startCliWorld();
    const store = await openStore({ dataDir: join(world.home, "hub-data") });
    try {
      demo = await mirrorDemo(store);
    } finally {
      await store.close();
    }
    config = join(world.home, "hub.yaml");
    writeFileSync(
      config,
      [
        "data_dir: ./hub-data",
        "account: prod",
        `catalog: { dir: ${JSON.stringify(CATALOG.dir)}, field: ${CATALOG.field} }`,
        `scorecards: ${JSON.stringify(demoScorecardsDir())}`,
        "sources:",
        "  prometheus: { token_env: PROM_TOKEN_NOT_NEEDED_HERE }",
      ].join("\n"),
    );
  }, 60_000);

  afterAll(async () => {
    await demo?.close();
    await world?.close();
  });

  it("shows every level, and the services no one is paged for at none, with the rule and its hint", async () => {
    const run = await world.cli(["--json", "scorecards", "check", "--config", config]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const [reliability] = (JSON.parse(run.stdout) as { scorecards: ScorecardResult[] }).scorecards;
    const levels = levelsOf(reliability);
    expect(new Set(Object.values(levels))).toEqual(new Set(["Gold", "Silver", "Bronze", null]));
    expect(levels).toMatchObject({ "billing-worker": null, inventory: null, "payments-api": "Bronze" });
    const billing = reliability?.entities.find((e) => e.entity === "component:default/billing-worker");
    expect(billing?.rules.find((rule) => rule.outcome === "fail")).toMatchObject({
      level: "Bronze",
      rule: "Someone is paged",
      explanation: PAGED,
      hint: PAGED_HINT,
    });
  });

  it("says in text why a service has no level, with the hint naming the annotation to set", async () => {
    const run = await world.cli(["scorecards", "check", "--config", config, "--entity", "inventory"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("component:default/inventory: no level");
    expect(run.stdout).toContain(`✗ [Bronze] Someone is paged: ${PAGED}`);
    expect(run.stdout).toContain(`hint: ${PAGED_HINT}`);
  });
});
