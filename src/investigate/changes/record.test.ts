import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listChanges } from "./queries.js";
import { recordChange } from "./record.js";
import { ServiceNames } from "./services.js";
import { type ChangesWorld, startChangesWorld } from "./testing.js";

let world: ChangesWorld;
let names: ServiceNames;
beforeEach(async () => {
  world = await startChangesWorld();
  names = new ServiceNames(world.directory.catalog.entities);
});
afterEach(async () => {
  await world.close();
});

describe("ServiceNames", () => {
  it("turns a ref, name or title, in any case, into the entity's ref", () => {
    for (const sent of [
      "component:default/payments-api",
      "Component:Payments-API",
      "default/payments-api",
      "payments-api",
      "PAYMENTS-API",
      " Payments API ",
    ]) {
      expect(names.normalise(sent), sent).toBe("component:default/payments-api");
    }
  });

  it("keeps names the catalog does not know as sent, and does not take a Group for a service", () => {
    expect(names.normalise("billing-worker")).toBe("billing-worker");
    expect(names.normalise("payments")).toBe("payments");
    expect(names.normalise("group:payments")).toBe("group:default/payments");
  });

  it("lists every spelling a change to a service may be stored under", () => {
    // Compared without regard to case, so "Ledger" (the title) is the name "ledger" already listed.
    expect(names.aliases("ledger")).toEqual(["component:default/ledger", "ledger"]);
    expect(names.aliases("Payments API")).toEqual([
      "component:default/payments-api",
      "Payments API",
      "payments-api",
    ]);
    expect(names.aliases("resource:default/kafka")).toEqual(["resource:default/kafka", "kafka"]);
  });
});

describe("recordChange", () => {
  const deploy = { service: "Payments API", kind: "deploy" as const, description: "v2.3.1" };

  it("stores the change under the entity's ref, dated when received unless told", async () => {
    const { change, created } = await recordChange(world.store, deploy, {
      source: "api",
      clock: world.clock,
      names,
    });
    expect(created).toBe(true);
    expect(change).toMatchObject({
      service: "component:default/payments-api",
      kind: "deploy",
      description: "v2.3.1",
      happenedAt: "2026-06-30T12:00:00.000Z",
      receivedAt: "2026-06-30T12:00:00.000Z",
      source: "api",
      link: null,
      externalId: null,
    });
    expect(await listChanges(world.store, { limit: 10 })).toEqual([change]);
  });

  it("records a change with a known external ID once, returning the first", async () => {
    const options = { source: "github" as const, clock: world.clock, names };
    const first = await recordChange(world.store, { ...deploy, externalId: "gh:1:success" }, options);
    world.clock.advance(60_000);
    const again = await recordChange(
      world.store,
      { ...deploy, description: "redelivered", externalId: "gh:1:success" },
      options,
    );
    expect(again).toEqual({ change: first.change, created: false });
    const other = await recordChange(world.store, { ...deploy, externalId: "gh:2:success" }, options);
    expect(other.created).toBe(true);
    // Changes without an external ID are never taken for one another.
    await recordChange(world.store, deploy, options);
    await recordChange(world.store, deploy, options);
    expect(await listChanges(world.store, { limit: 10 })).toHaveLength(4);
  });

  it("dedupes concurrent deliveries of the same change", async () => {
    const options = { source: "github" as const, clock: world.clock, names };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => recordChange(world.store, { ...deploy, externalId: "gh:9" }, options)),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await listChanges(world.store, { limit: 10 })).toHaveLength(1);
  });
});
