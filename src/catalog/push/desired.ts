import type { BackstageEntity } from "../entity.js";
import type { Catalog } from "../load.js";
import { refKey } from "../ref.js";
import { ATTRIBUTES, type AttributeSpec } from "./attributes.js";
import type { PushKind } from "./kinds.js";

/** One entry as the catalog wants it, before it is compared with incident.io. */
export interface DesiredEntry {
  /** The entity's reference in lower case (`component:default/payments-api`): the entry's external ID. */
  externalId: string;
  name: string;
  /** The entity's name, title and display name, each once: references and lookups by name find the entry. */
  aliases: string[];
  /** Attribute ID → the literals it holds (empty: no value). */
  values: Map<string, string[]>;
}

/** The entities of each pushed kind as entries, and those left out because another had their reference. */
export interface DesiredEntries {
  byKind: Map<PushKind, DesiredEntry[]>;
  /** References given twice in the catalog: the first is pushed. */
  duplicates: string[];
}

/**
 * The catalog's entities of the pushed kinds, as entries of their kind's type. Values are read for every attribute
 * the kind can have; the type's actual schema decides which of them are written.
 */
export function desiredEntries(catalog: Catalog, kinds: readonly PushKind[]): DesiredEntries {
  const byKind = new Map<PushKind, DesiredEntry[]>();
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const entity of [...catalog.entities, ...catalog.others]) {
    const kind = kinds.find((k) => k === entity.kind);
    if (kind === undefined) continue;
    const externalId = refKey(entity.ref);
    if (seen.has(externalId)) {
      duplicates.push(entity.ref);
      continue;
    }
    seen.add(externalId);
    const list = byKind.get(kind) ?? [];
    list.push(entryOf(entity, externalId, ATTRIBUTES[kind]));
    byKind.set(kind, list);
  }
  return { byKind, duplicates };
}

function entryOf(entity: BackstageEntity, externalId: string, specs: readonly AttributeSpec[]): DesiredEntry {
  const name = (entity.title ?? entity.displayName ?? entity.name).trim() || entity.name;
  const aliases = [
    ...new Set([entity.name, entity.title, entity.displayName].flatMap((a) => a?.trim() || [])),
  ];
  return {
    externalId,
    name,
    aliases,
    values: new Map(specs.map((spec) => [spec.id, spec.values(entity)])),
  };
}
