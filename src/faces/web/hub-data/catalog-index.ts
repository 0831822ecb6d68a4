import type { CatalogEntity } from "../../../catalog/index.js";
import { displayName } from "./rows.js";

const KIND_ORDER: Record<string, number> = { Component: 0, System: 1, Group: 2 };

/**
 * The catalog arranged for the pages: entities by reference, the services list's order (Components, then
 * Systems, then Groups, each by name), and the Components under each System (its parts) and Group (what it
 * owns), whose incidents a System's or Group's page shows.
 */
export class CatalogIndex {
  readonly byRef: ReadonlyMap<string, CatalogEntity>;
  readonly ordered: readonly CatalogEntity[];
  private readonly components = new Map<string, string[]>();

  constructor(entities: readonly CatalogEntity[]) {
    this.byRef = new Map(entities.map((entity) => [entity.ref, entity]));
    this.ordered = [...entities].sort(
      (a, b) =>
        (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
        displayName(a).localeCompare(displayName(b), "en", { sensitivity: "base" }) ||
        a.ref.localeCompare(b.ref),
    );
    for (const entity of entities) {
      if (entity.kind !== "Component") continue;
      for (const parent of [entity.system, entity.owner]) {
        if (parent === undefined) continue;
        const list = this.components.get(parent);
        if (list) list.push(entity.ref);
        else this.components.set(parent, [entity.ref]);
      }
    }
  }

  /** A Component itself; a System's Components; a Group's Components (those it owns). */
  incidentSources(entity: CatalogEntity): readonly string[] {
    return entity.kind === "Component" ? [entity.ref] : (this.components.get(entity.ref) ?? []);
  }
}
