import { type CatalogEntity, parseRef, refKey } from "../../catalog/index.js";
import { serviceName } from "./change.js";

/**
 * Turns the service a change names into the catalog's entity ref when the catalog knows it: by ref
 * (`component:default/payments-api`, `component:payments-api`), then by a Component's name, then by its title,
 * ignoring case and surrounding spaces. A name the catalog does not know, or one that fits several Components,
 * is kept as sent: correlation still matches it by name.
 */
export class ServiceNames {
  private readonly byRef = new Map<string, CatalogEntity>();
  private readonly byName = new Map<string, string[]>();
  private readonly byTitle = new Map<string, string[]>();

  constructor(entities: readonly CatalogEntity[]) {
    for (const entity of entities) {
      this.byRef.set(refKey(entity.ref), entity);
      if (entity.kind !== "Component") continue;
      add(this.byName, entity.name, entity.ref);
      if (entity.title !== undefined) add(this.byTitle, entity.title, entity.ref);
    }
  }

  /** The entity ref for this service name, or the name as sent (trimmed). */
  normalise(service: string): string {
    const sent = service.trim();
    const parsed = parseRef(sent, { kind: "component", namespace: "default" });
    if (parsed.ok && /[:/]/.test(sent)) {
      const entity = this.byRef.get(refKey(parsed.ref));
      if (entity !== undefined) return entity.ref;
    }
    for (const index of [this.byName, this.byTitle]) {
      const refs = index.get(key(sent));
      if (refs?.length === 1) return refs[0] as string;
    }
    return sent;
  }

  /**
   * Every spelling a change to this service may have been stored under: its entity ref, and the entity's name and
   * title (a change recorded before the catalog knew the service keeps the name it was sent with); for a ref the
   * catalog does not have (`resource:default/kafka`), the ref and its name. Compared without regard to case.
   */
  aliases(service: string): string[] {
    const normalised = this.normalise(service);
    const entity = this.byRef.get(refKey(normalised));
    const spellings = [normalised, service.trim()];
    if (entity !== undefined) {
      spellings.push(entity.name);
      if (entity.title !== undefined) spellings.push(entity.title);
    } else {
      spellings.push(serviceName(normalised));
    }
    const unique = new Map<string, string>();
    for (const spelling of spellings) if (!unique.has(key(spelling))) unique.set(key(spelling), spelling);
    return [...unique.values()];
  }
}

function key(text: string): string {
  return text.trim().toLowerCase();
}

function add(index: Map<string, string[]>, text: string, ref: string): void {
  const refs = index.get(key(text)) ?? [];
  if (!refs.includes(ref)) refs.push(ref);
  index.set(key(text), refs);
}
