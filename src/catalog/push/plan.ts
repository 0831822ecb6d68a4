import { ConfigError } from "../../api/errors.js";
import type { CatalogType } from "../../api/types/catalog.js";
import { ATTRIBUTES } from "./attributes.js";
import type { DesiredEntries, DesiredEntry } from "./desired.js";
import {
  CATALOG_IMPORTER_SYNC_ID_ANNOTATION,
  KIND_ANNOTATION,
  type PushKind,
  SYNC_ID_ANNOTATION,
  TYPE_LOOKS,
  type TypeLook,
} from "./kinds.js";
import { planSchema, type SchemaPlan, wantedAttributes } from "./schema.js";

/** Which types a push writes, and how it names them. */
export interface PushSettings {
  /** Marks the types this push manages; `--prune` deletes entries of these types only. */
  syncId: string;
  kinds: readonly PushKind[];
  /** Display names instead of `Service`, `Team`…, per kind. */
  names?: Partial<Record<PushKind, string>>;
  /** `Custom["…"]` type names for types not created yet (a type's name is fixed once created). */
  typeNames?: Partial<Record<PushKind, string>>;
}

/** One kind's type: as incident.io has it (when it does), and what the push changes about it. */
export interface TypePlan {
  kind: PushKind;
  /** As the type is to be: name, type name (an existing type's own), look at creation. */
  look: TypeLook;
  existing?: CatalogType;
  /** Fields of an existing type that change: `name`, `annotations`. */
  updates: string[];
  /** Every annotation the type is to carry: any others already on it, and the sync ID and kind. */
  annotations: Record<string, string>;
  schema: SchemaPlan;
  /** Attribute ID → name, for reports. */
  attributeNames: Map<string, string>;
  /** Attributes holding lists. */
  arrays: Set<string>;
  entries: DesiredEntry[];
}

export interface TypesPlan {
  types: TypePlan[];
  /** Types of this sync ID holding kinds this push leaves out: left as they are. */
  leftAlone: CatalogType[];
}

/**
 * The types this push writes, read from incident.io's list of types. A kind's type is the one carrying this
 * push's sync ID and the kind; without one, a new type is planned, and a type already having its type name (made
 * by hand, by catalog-importer, or by a push with another sync ID) is refused, never taken over. A kind with no
 * entities, no type yet and no entity pointing at it gets none.
 */
export function planTypes(
  all: readonly CatalogType[],
  desired: DesiredEntries,
  settings: PushSettings,
): TypesPlan {
  const chosen = new Map<PushKind, { existing?: CatalogType; typeName: string; entries: DesiredEntry[] }>();
  const claimed = new Map<string, PushKind>();
  const referenced = referencedKinds(desired);
  for (const kind of settings.kinds) {
    const entries = desired.byKind.get(kind) ?? [];
    const existing = all.find(
      (type) =>
        type.annotations[SYNC_ID_ANNOTATION] === settings.syncId &&
        type.annotations[KIND_ANNOTATION] === kind,
    );
    const typeName = existing?.type_name ?? settings.typeNames?.[kind] ?? TYPE_LOOKS[kind].typeName;
    const other = claimed.get(typeName);
    if (other !== undefined) {
      throw new ConfigError(
        "--type-name",
        `${other} and ${kind} would both be pushed into ${typeName}`,
        `give each kind its own type name, e.g. --type-name ${kind}=Backstage${kind}`,
      );
    }
    claimed.set(typeName, kind);
    if (existing === undefined) {
      const taken = all.find((type) => type.type_name === typeName);
      if (taken !== undefined) throw takenError(kind, taken);
      if (entries.length === 0 && !referenced.has(kind)) continue;
    }
    chosen.set(kind, { ...(existing ? { existing } : {}), typeName, entries });
  }
  const typeNames = new Map([...chosen].map(([kind, c]) => [kind, c.typeName]));
  const types = [...chosen].map(([kind, c]): TypePlan => {
    const base = TYPE_LOOKS[kind];
    const look: TypeLook = { ...base, name: settings.names?.[kind] ?? base.name, typeName: c.typeName };
    const wanted = wantedAttributes(kind, typeNames);
    const annotations = {
      ...(c.existing?.annotations ?? {}),
      [SYNC_ID_ANNOTATION]: settings.syncId,
      [KIND_ANNOTATION]: kind,
    };
    const updates: string[] = [];
    if (c.existing && c.existing.name !== look.name) updates.push("name");
    if (c.existing && !sameRecord(c.existing.annotations, annotations)) updates.push("annotations");
    return {
      kind,
      look,
      ...(c.existing ? { existing: c.existing } : {}),
      updates,
      annotations,
      schema: planSchema(kind, wanted, c.existing?.schema.attributes ?? []),
      attributeNames: new Map(wanted.map((attribute) => [attribute.id, attribute.name])),
      arrays: new Set(wanted.filter((attribute) => attribute.array).map((attribute) => attribute.id)),
      entries: c.entries,
    };
  });
  const used = new Set(types.flatMap((plan) => (plan.existing ? [plan.existing.id] : [])));
  const leftAlone = all.filter(
    (type) => type.annotations[SYNC_ID_ANNOTATION] === settings.syncId && !used.has(type.id),
  );
  return { types, leftAlone };
}

/**
 * The kinds the entities point at (`owner: group:payments`): such a kind gets a type even with no entities of its
 * own (the owner is defined in another repository), so the reference is kept, showing its literal until an entry
 * with that external ID exists.
 */
function referencedKinds(desired: DesiredEntries): Set<PushKind> {
  const kinds = new Set<PushKind>();
  for (const [kind, entries] of desired.byKind) {
    for (const spec of ATTRIBUTES[kind]) {
      if (spec.holds === "String" || spec.holds === "Text" || kinds.has(spec.holds)) continue;
      if (entries.some((entry) => (entry.values.get(spec.id) ?? []).length > 0)) kinds.add(spec.holds);
    }
  }
  return kinds;
}

/** Why a type with the wanted type name is not this push's to write, and what to do instead. */
function takenError(kind: PushKind, type: CatalogType): ConfigError {
  const importer = type.annotations[CATALOG_IMPORTER_SYNC_ID_ANNOTATION];
  const push = type.annotations[SYNC_ID_ANNOTATION];
  const owner =
    importer !== undefined
      ? `incident.io's catalog-importer (sync ID "${importer}")`
      : push !== undefined
        ? `another catalog push (sync ID "${push}"${type.annotations[KIND_ANNOTATION] ? `, kind ${type.annotations[KIND_ANNOTATION]}` : ""})`
        : type.source_repo_url || !type.is_editable
          ? `a sync from elsewhere${type.source_repo_url ? ` (${type.source_repo_url})` : ""}`
          : "people in incident.io (it has no sync ID)";
  const sameSync =
    push !== undefined && importer === undefined ? ` or --sync-id ${push} to push as that push,` : "";
  return new ConfigError(
    "--type-name",
    `incident.io already has the catalog type ${type.type_name} ("${type.name}"), managed by ${owner}; catalog push never takes over a type it did not create`,
    `push the ${kind} entities into a type of their own with --type-name ${kind}=<TypeName>,${sameSync} or leave ${kind} out with --kinds`,
  );
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
