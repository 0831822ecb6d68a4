import { liveEntries, typeByName } from "./catalog-store.js";
import type { CatalogAttributeRecord, CatalogEntryRecord, CatalogTypeRecord } from "./model.js";
import { onCallLabel } from "./oncall-catalog.js";
import type { EmulatorState } from "./state.js";

/**
 * Lookups for rendering many entries in one answer: which entry a reference literal names, and which entries point
 * at an entry (backlinks). Built lazily per type and thrown away with the request, so a page of 250 entries
 * scans each type it touches once instead of once per value.
 */
export class CatalogIndex {
  private readonly identifiers = new Map<string, Map<string, CatalogEntryRecord>>();
  private readonly pointing = new Map<string, Map<string, CatalogEntryRecord[]>>();

  constructor(private readonly state: EmulatorState) {}

  /** The live type an attribute's `type` names, when it names one. */
  targetType(attribute: CatalogAttributeRecord): CatalogTypeRecord | undefined {
    return typeByName(this.state, attribute.type);
  }

  /** The name of the escalation path or schedule an on-call attribute's literal names, if any. */
  onCallLabel(attribute: CatalogAttributeRecord, literal: string): string | undefined {
    return onCallLabel(this.state, attribute.type, literal);
  }

  /** The live entry of `type` a literal names (ID, external ID, alias; name when the type allows it). */
  resolve(type: CatalogTypeRecord, literal: string): CatalogEntryRecord | undefined {
    let byIdentifier = this.identifiers.get(type.id);
    if (!byIdentifier) {
      // An ID or external ID needs no scan: one entry rendered with references to others stays cheap.
      const byId = this.state.get("catalog_entries", literal);
      if (byId && byId.catalog_type_id === type.id && byId.archived_at === undefined) return byId;
      const byExternalId = this.state.catalogEntries.withExternalId(type.id, literal);
      if (byExternalId) return byExternalId;
      byIdentifier = new Map();
      const entries = liveEntries(this.state, type);
      // Weakest first, so an ID always wins over another entry's alias or name.
      if (type.use_name_as_identifier) for (const entry of entries) byIdentifier.set(entry.name, entry);
      for (const entry of entries) for (const alias of entry.aliases) byIdentifier.set(alias, entry);
      for (const entry of entries) if (entry.external_id) byIdentifier.set(entry.external_id, entry);
      for (const entry of entries) byIdentifier.set(entry.id, entry);
      this.identifiers.set(type.id, byIdentifier);
    }
    return byIdentifier.get(literal);
  }

  /** The live entries of `source` whose attribute `attributeId` points at the entry `targetId`. */
  pointingAt(source: CatalogTypeRecord, attributeId: string, targetId: string): CatalogEntryRecord[] {
    const key = `${source.id}\u0000${attributeId}`;
    let byTarget = this.pointing.get(key);
    if (!byTarget) {
      byTarget = new Map();
      const attribute = source.schema?.attributes.find((a) => a.id === attributeId);
      const target = attribute && this.targetType(attribute);
      if (attribute && target) {
        for (const entry of liveEntries(this.state, source)) {
          for (const literal of literalsOf(entry, attribute)) {
            const pointed = this.resolve(target, literal);
            if (!pointed) continue;
            const list = byTarget.get(pointed.id) ?? [];
            if (!list.includes(entry)) list.push(entry);
            byTarget.set(pointed.id, list);
          }
        }
      }
      this.pointing.set(key, byTarget);
    }
    return byTarget.get(targetId) ?? [];
  }
}

/** The literals stored on an entry for an attribute, scalar or array. */
export function literalsOf(entry: CatalogEntryRecord, attribute: CatalogAttributeRecord): string[] {
  const stored = entry.attribute_values?.[attribute.id];
  if (!stored) return [];
  if (stored.array_value) return stored.array_value;
  return stored.value === undefined ? [] : [stored.value];
}
