import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangeKind } from "./change.js";
import { correlateChanges, NON_PRODUCTION_WEIGHT } from "./correlate.js";
import { recordChange } from "./record.js";
import { ServiceNames } from "./services.js";
import { type ChangesWorld, CREATED, incidentFor, SLUG_CATALOG, startChangesWorld } from "./testing.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const created = Date.parse(CREATED);

let world: ChangesWorld;
beforeEach(async () => {
  world = await startChangesWorld();
});
afterEach(async () => {
  await world.close();
});

/** Records a change to `service` that happened `before` ms before the incident (negative: after it). */
async function change(service: string, before: number, kind: ChangeKind = "deploy", description = service) {
  const names = new ServiceNames(world.directory.catalog.entities);
  const at = new Date(created - before).toISOString();
  return recordChange(
    world.store,
    { service, kind, description, happenedAt: at },
    { source: "api", clock: world.clock, names },
  );
}

describe("correlateChanges", () => {
  it("keeps the window's edges: exactly 4 h before and the moment of creation are in, outside is out", async () => {
    await change("payments-api", 4 * HOUR + 1, "deploy", "just too early");
    await change("payments-api", 4 * HOUR, "deploy", "exactly 4 h before");
    await change("payments-api", 0, "deploy", "at creation");
    await change("payments-api", -1, "deploy", "just after");
    const result = await correlateChanges(world.store, incidentFor(["Payments API"]), {
      directory: world.directory,
    });
    expect(result.window).toEqual({ from: "2026-06-30T08:00:00.000Z", to: CREATED });
    expect(result.changes.map((found) => found.change.description)).toEqual([
      "at creation",
      "exactly 4 h before",
    ]);
    expect(result.changes.map((found) => found.reason)).toEqual([
      "deploy to payments-api less than a minute before",
      "deploy to payments-api 4 h before",
    ]);
  });

  it("lists the incident's services and their dependencies (one hop), newest first, saying which is which", async () => {
    await change("ledger", 2 * HOUR, "config");
    await change("Payments API", 25 * MINUTE, "deploy");
    await change("kafka", 70 * MINUTE, "other");
    await change("search", 10 * MINUTE, "feature_flag"); // depends on payments-api: the other direction
    await change("billing", 5 * MINUTE, "deploy"); // unrelated
    const result = await correlateChanges(world.store, incidentFor(["payments-api"]), {
      directory: world.directory,
    });
    expect(result.services).toEqual(["component:default/payments-api"]);
    expect(result.dependencies).toEqual(["component:default/ledger", "resource:default/kafka"]);
    expect(result.changes.map((found) => found.reason)).toEqual([
      "deploy to payments-api 25 min before",
      "change to kafka (a dependency of payments-api) 1 h 10 min before",
      "config change to ledger (a dependency of payments-api) 2 h before",
    ]);
    expect(result.changes.map((found) => found.dependencyOf)).toEqual([
      [],
      ["component:default/payments-api"],
      ["component:default/payments-api"],
    ]);
    expect(result.changes[0]?.leadMs).toBe(25 * MINUTE);
  });

  it("does not follow dependencies of dependencies", async () => {
    await change("ledger", HOUR, "deploy");
    // search depends on payments-api, which depends on ledger: two hops from search.
    const result = await correlateChanges(world.store, incidentFor(["Search"]), {
      directory: world.directory,
    });
    expect(result.dependencies).toEqual(["component:default/payments-api"]);
    expect(result.changes).toEqual([]);
  });

  it("counts a service the incident names directly as its own, even when another one depends on it", async () => {
    await change("payments-api", HOUR, "deploy");
    const result = await correlateChanges(world.store, incidentFor(["Search", "Payments API"]), {
      directory: world.directory,
    });
    expect(result.changes.map((found) => found.reason)).toEqual(["deploy to payments-api 1 h before"]);
  });

  it("honours a configured window", async () => {
    await change("ledger", 50 * MINUTE, "config");
    await change("payments-api", 70 * MINUTE, "deploy");
    const result = await correlateChanges(world.store, incidentFor(["payments-api"]), {
      directory: world.directory,
      windowMs: HOUR,
    });
    expect(result.changes.map((found) => found.reason)).toEqual([
      "config change to ledger (a dependency of payments-api) 50 min before",
    ]);
  });

  it("finds nothing for an incident that names no known service, or without a directory", async () => {
    await change("payments-api", HOUR);
    expect(
      (await correlateChanges(world.store, incidentFor([]), { directory: world.directory })).changes,
    ).toEqual([]);
    expect((await correlateChanges(world.store, incidentFor(["payments-api"]))).changes).toEqual([]);
  });

  it("weighs a change outside production less, and says where it went", async () => {
    const names = new ServiceNames(world.directory.catalog.entities);
    const at = (before: number) => new Date(created - before).toISOString();
    const record = (environment: string | undefined, production: boolean | undefined, before: number) =>
      recordChange(
        world.store,
        {
          service: "payments-api",
          kind: "deploy",
          description: environment ?? "unnamed",
          happenedAt: at(before),
          ...(environment !== undefined ? { environment } : {}),
          ...(production !== undefined ? { production } : {}),
        },
        { source: "github", clock: world.clock, names },
      );
    await record("pr-123", false, 5 * MINUTE);
    await record("production", true, 20 * MINUTE);
    await record(undefined, undefined, 30 * MINUTE);
    const result = await correlateChanges(world.store, incidentFor(["payments-api"]), {
      directory: world.directory,
    });
    // Still newest first: the preview is listed, weighing less, not hidden.
    expect(result.changes.map((found) => [found.reason, found.production, found.weight])).toEqual([
      ["deploy to payments-api in pr-123 (not production) 5 min before", false, NON_PRODUCTION_WEIGHT],
      ["deploy to payments-api 20 min before", true, 1],
      ["deploy to payments-api 30 min before", true, 1],
    ]);
    expect(NON_PRODUCTION_WEIGHT).toBeLessThan(1);
  });
});

describe("correlateChanges with project slugs", () => {
  let slugWorld: ChangesWorld;
  beforeEach(async () => {
    slugWorld = await startChangesWorld(SLUG_CATALOG);
  });
  afterEach(async () => {
    await slugWorld.close();
  });

  it("finds a deploy recorded by repository for the Component it was tied to, and a monorepo's for each", async () => {
    const names = new ServiceNames(slugWorld.directory.catalog.entities);
    const options = { source: "github" as const, clock: slugWorld.clock, names };
    const happenedAt = new Date(created - 10 * MINUTE).toISOString();
    const deploy = { kind: "deploy" as const, description: "v1", happenedAt };
    await recordChange(slugWorld.store, { ...deploy, repository: "backstage/backstage" }, options);
    await recordChange(slugWorld.store, { ...deploy, repository: "backstage/community-plugins" }, options);
    const backstage = await correlateChanges(slugWorld.store, incidentFor(["backstage-existing"]), {
      directory: slugWorld.directory,
    });
    expect(backstage.changes.map((found) => [found.change.service, found.reason])).toEqual([
      ["component:default/backstage-existing", "deploy to backstage-existing 10 min before"],
    ]);
    const ocm = await correlateChanges(slugWorld.store, incidentFor(["backstage-community-ocm-frontend"]), {
      directory: slugWorld.directory,
    });
    expect(ocm.changes.map((found) => [found.change.service, found.reason])).toEqual([
      ["backstage/community-plugins", "deploy to backstage-community-ocm-frontend 10 min before"],
    ]);
  });
});
