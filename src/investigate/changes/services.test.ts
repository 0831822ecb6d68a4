import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeFromGithub } from "./github.js";
import { recordChange } from "./record.js";
import { ServiceNames } from "./services.js";
import { type ChangesWorld, githubExample, SLUG_CATALOG, startChangesWorld } from "./testing.js";

let world: ChangesWorld;
let names: ServiceNames;
beforeAll(async () => {
  world = await startChangesWorld(SLUG_CATALOG);
  names = new ServiceNames(world.directory.catalog.entities);
});
afterAll(async () => {
  await world.close();
});

const BACKSTAGE = "component:default/backstage-existing";

describe("ServiceNames.resolve: a change's repository", () => {
  it("ties a repository to the Component whose project slug it is, in any case, whatever the Component's name", () => {
    for (const repository of ["backstage/backstage", "Backstage/Backstage", " BACKSTAGE/backstage "]) {
      expect(names.resolve({ repository }), repository).toBe(BACKSTAGE);
    }
    expect(names.resolve({ repository: "acme/Ledger-Service" })).toBe("component:default/ledger");
  });

  it("lets a service the catalog knows win over the repository: a monorepo's deploy names its service", () => {
    expect(names.resolve({ service: "payments-api", repository: "backstage/backstage" })).toBe(
      "component:default/payments-api",
    );
    // A service the catalog does not know leaves the repository to decide.
    expect(names.resolve({ service: "docs-site", repository: "backstage/backstage" })).toBe(BACKSTAGE);
  });

  it("keeps a repository several Components share as owner/name, and the service if one is named", () => {
    expect(names.resolve({ repository: "backstage/community-plugins" })).toBe("backstage/community-plugins");
    expect(
      names.resolve({
        service: "backstage-community-ocm-frontend",
        repository: "backstage/community-plugins",
      }),
    ).toBe("component:default/backstage-community-ocm-frontend");
    expect(names.resolve({ service: "ocm", repository: "backstage/community-plugins" })).toBe("ocm");
  });

  it("falls back to the repository's name only for Components without the annotation", () => {
    expect(names.resolve({ repository: "acme/payments-api" })).toBe("component:default/payments-api");
    expect(names.resolve({ repository: "acme/PAYMENTS-API" })).toBe("component:default/payments-api");
    // ledger's repository is Acme/ledger-service: a repository merely named ledger is another one, kept whole so
    // it is never taken for it.
    expect(names.resolve({ repository: "someone/ledger" })).toBe("someone/ledger");
    // Unknown: the bare name, as before, so a Component of that name added later matches it.
    expect(names.resolve({ repository: "acme/billing-worker" })).toBe("billing-worker");
  });

  it("finds a Component by its project slug when a person types it as the service", () => {
    expect(names.normalise("backstage/backstage")).toBe(BACKSTAGE);
    expect(names.aliases("backstage-existing")).toEqual([
      BACKSTAGE,
      "backstage-existing",
      "backstage/backstage",
    ]);
    expect(names.aliases("backstage-community-ocm-backend")).toContain("backstage/community-plugins");
  });
});

describe("a GitHub deploy, recorded", () => {
  it("of backstage/backstage is stored under the Component whose project slug that is", async () => {
    // GitHub's example delivery, as if from Backstage's repository.
    const body = JSON.parse(
      JSON.stringify(githubExample("payload.json")).replaceAll(
        "Codertocat/Hello-World",
        "backstage/backstage",
      ),
    ) as Record<string, unknown>;
    (body.repository as Record<string, unknown>).name = "backstage";
    const delivery = changeFromGithub("deployment_status", body);
    if (delivery.kind !== "change") throw new Error(`expected a change, got ${delivery.kind}`);
    const { change } = await recordChange(world.store, delivery.input, {
      source: "github",
      clock: world.clock,
      names,
    });
    expect(change).toMatchObject({ service: BACKSTAGE, environment: "production", production: true });
  });

  it("of an unknown repository is stored under its name, as it always was, without a catalog too", async () => {
    const delivery = changeFromGithub("deployment_status", githubExample("ghes-35.payload.json"));
    if (delivery.kind !== "change") throw new Error(`expected a change, got ${delivery.kind}`);
    const withCatalog = await recordChange(
      world.store,
      { ...delivery.input, externalId: "a" },
      { source: "github", clock: world.clock, names },
    );
    const without = await recordChange(
      world.store,
      { ...delivery.input, externalId: "b" },
      { source: "github", clock: world.clock },
    );
    expect([withCatalog.change.service, without.change.service]).toEqual(["Hello-World", "Hello-World"]);
  });
});
