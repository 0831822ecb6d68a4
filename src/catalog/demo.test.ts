import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_SERVICES, DEMO_TEAMS } from "../emulator/seed/organisation.js";
import { demoCatalogDir } from "./demo.js";
import { loadCatalogDir } from "./load.js";
import { EntityMapping } from "./mapping.js";

describe("the demo catalog", () => {
  const catalog = loadCatalogDir(demoCatalogDir());

  it("is found from the package and is valid without a warning", () => {
    expect(existsSync(demoCatalogDir())).toBe(true);
    expect(catalog.problems).toEqual([]);
    expect(catalog.valid).toBe(true);
    expect(catalog.skipped).toEqual([]);
    expect(catalog.others.map((entity) => entity.ref).sort()).toEqual([
      "api:default/payments-public-api",
      "resource:default/kafka",
    ]);
  });

  it("has a Group per demo team, each component owned by its service's team", () => {
    const groups = catalog.entities.filter((entity) => entity.kind === "Group").map((entity) => entity.title);
    expect(groups).toEqual(expect.arrayContaining([...DEMO_TEAMS]));
    for (const service of DEMO_SERVICES) {
      const component = catalog.entities.find((entity) => entity.ref === `component:default/${service.slug}`);
      expect(component?.owner, service.slug).toBe(`group:default/${service.team.toLowerCase()}`);
      expect(component?.system, service.slug).toMatch(/^system:default\//);
    }
  });

  it("maps every demo service (as the emulator's catalog entries carry it) to its own component", () => {
    const mapping = new EntityMapping(catalog.entities, { field: "Affected services" });
    for (const service of DEMO_SERVICES) {
      const value = {
        label: service.name,
        id: `entry-${service.slug}`,
        externalId: service.slug,
        aliases: service.aliases,
      };
      expect(mapping.entitiesForValue(value), service.name).toEqual([`component:default/${service.slug}`]);
    }
  });
});
