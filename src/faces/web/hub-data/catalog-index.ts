import type { CatalogEntity } from "../../../catalog/index.js";
import { DEFAULT_NAMESPACE, parseRef, refKey } from "../../../catalog/ref.js";
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
  /** By `refKey`: Backstage compares references without regard to case. */
  private readonly byKey: ReadonlyMap<string, CatalogEntity>;
  /** By lower-case name, for a bare name that is no Component's. */
  private readonly byName = new Map<string, CatalogEntity[]>();

  constructor(entities: readonly CatalogEntity[]) {
    this.byRef = new Map(entities.map((entity) => [entity.ref, entity]));
    this.byKey = new Map(entities.map((entity) => [refKey(entity.ref), entity]));
    for (const entity of entities) {
      const name = entity.name.toLowerCase();
      this.byName.set(name, [...(this.byName.get(name) ?? []), entity]);
    }
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

  /**
   * The entity a reference names, written any way the catalog's own tools write it: `component:default/payments-api`,
   * `component:payments-api` (as `catalog list` prints it), `default/payments-api` or `payments-api`, in any case.
   * The kind defaults to Component and the namespace to default; a bare name no Component has names the one
   * entity of another kind that has it (`payments-team`), none when several do.
   */
  find(text: string): CatalogEntity | undefined {
    const exact = this.byRef.get(text);
    if (exact) return exact;
    const parsed = parseRef(text, { kind: "component", namespace: DEFAULT_NAMESPACE });
    if (!parsed.ok) return undefined;
    const found = this.byKey.get(refKey(parsed.ref));
    if (found || /[:/]/.test(text)) return found;
    const named = this.byName.get(text.trim().toLowerCase()) ?? [];
    return named.length === 1 ? named[0] : undefined;
  }

  /** A Component itself; a System's Components; a Group's Components (those it owns). */
  incidentSources(entity: CatalogEntity): readonly string[] {
    return entity.kind === "Component" ? [entity.ref] : (this.components.get(entity.ref) ?? []);
  }
}
