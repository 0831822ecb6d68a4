import { z } from "zod";
import { newId } from "../shared/ids.js";
import { CatalogIndex } from "./catalog-index.js";
import { liveEntry, requireType } from "./catalog-store.js";
import {
  type AttributeValuesPayload,
  applyAttributeValues,
  attributeValuesPayload,
  checkUpdateAttributes,
  type LinkDepth,
  parseAttributeValues,
  renderAttributeValues,
} from "./catalog-values.js";
import type { Change } from "./db.js";
import { validationError } from "./errors.js";
import type { CatalogEntryRecord, CatalogTypeRecord } from "./model.js";
import type { EmulatorState } from "./state.js";

/** incident.io's limit on entries per type. */
export const MAX_ENTRIES_PER_TYPE = 50_000;
/** `CatalogBulkUpdateEntriesPayloadV3.entries` holds 1 to 250 entries. */
export const MAX_BULK_ENTRIES = 250;

const rank = z.number().int().min(-2_147_483_648).max(2_147_483_647);
const aliases = z.array(z.string().trim().min(1, "an alias must not be empty"));
const externalId = z.string().trim().min(1, "must not be empty; leave external_id out instead");

/** `CatalogCreateEntryPayloadV3`. */
export const createEntryPayload = z.object({
  catalog_type_id: z.string(),
  name: z.string().trim().min(1, "must not be empty"),
  attribute_values: attributeValuesPayload,
  external_id: externalId.optional(),
  aliases: aliases.optional(),
  rank: rank.optional(),
});

/** `CatalogUpdateEntryPayloadV3`. */
export const updateEntryPayload = z.object({
  name: z.string().trim().min(1, "must not be empty"),
  attribute_values: attributeValuesPayload,
  external_id: externalId.optional(),
  aliases: aliases.optional(),
  rank: rank.optional(),
  update_attributes: z.array(z.string()).optional(),
});

/** `CatalogBulkUpdateEntriesPayloadV3` with its `PartialEntryPayloadV3` entries. */
export const bulkUpdatePayload = z.object({
  catalog_type_id: z.string(),
  entries: z
    .array(
      z.object({
        entry_id: z.string(),
        attribute_values: attributeValuesPayload,
        name: z.string().trim().min(1, "must not be empty").optional(),
        external_id: externalId.optional(),
        aliases: aliases.optional(),
        rank: rank.optional(),
      }),
    )
    .min(1)
    .max(MAX_BULK_ENTRIES),
  update_attributes: z.array(z.string()).optional(),
});

/** One entry's wanted state, whichever operation asked for it. Absent fields keep their value. */
interface EntryWrite {
  name?: string | undefined;
  external_id?: string | undefined;
  aliases?: string[] | undefined;
  rank?: number | undefined;
  attribute_values: AttributeValuesPayload;
}

/**
 * Creates an entry, or, when the type already has an entry with this `external_id`, updates that one: the
 * documented upsert that makes a repeated create safe. Returns the entry written.
 */
export function createCatalogEntry(
  state: EmulatorState,
  now: number,
  input: z.infer<typeof createEntryPayload>,
): { entry: CatalogEntryRecord; type: CatalogTypeRecord } {
  const type = liveTypeForBody(state, input.catalog_type_id, "catalog_type_id");
  const existing = input.external_id === undefined ? undefined : byExternalId(state, type, input.external_id);
  const at = new Date(now).toISOString();
  let entry: CatalogEntryRecord;
  if (existing) {
    entry = written(state, type, existing, input, "", undefined, at);
  } else {
    if (state.catalogEntries.count(type.id) >= MAX_ENTRIES_PER_TYPE) {
      throw validationError(
        "catalog_type_id",
        `"${type.name}" already has ${MAX_ENTRIES_PER_TYPE} entries, the most a catalog type can hold.`,
      );
    }
    const blank: CatalogEntryRecord = {
      id: newId(now),
      catalog_type_id: type.id,
      name: input.name,
      aliases: [],
      rank: 0,
      attribute_values: {},
      created_at: at,
      updated_at: at,
    };
    entry = written(state, type, blank, input, "", undefined, at);
  }
  state.commit([{ collection: "catalog_entries", id: entry.id, record: entry }]);
  return { entry, type };
}

/** `PUT /v3/catalog_entries/{id}`: name and values as given; external ID, aliases and rank kept when left out. */
export function updateCatalogEntry(
  state: EmulatorState,
  now: number,
  current: CatalogEntryRecord,
  input: z.infer<typeof updateEntryPayload>,
): { entry: CatalogEntryRecord; type: CatalogTypeRecord } {
  const type = requireType(state, current.catalog_type_id);
  if (input.update_attributes) checkUpdateAttributes(type, input.update_attributes, "update_attributes");
  const entry = written(
    state,
    type,
    current,
    input,
    "",
    input.update_attributes,
    new Date(now).toISOString(),
  );
  state.commit([{ collection: "catalog_entries", id: entry.id, record: entry }]);
  return { entry, type };
}

/**
 * Updates up to 250 entries of one type, all or none: every entry is checked before anything is written. A rank
 * left out is cleared, as `PartialEntryPayloadV3` documents; other fields left out keep their value.
 */
export function bulkUpdateCatalogEntries(
  state: EmulatorState,
  now: number,
  input: z.infer<typeof bulkUpdatePayload>,
): void {
  const type = liveTypeForBody(state, input.catalog_type_id, "catalog_type_id");
  if (input.update_attributes) checkUpdateAttributes(type, input.update_attributes, "update_attributes");
  const at = new Date(now).toISOString();
  const seen = new Set<string>();
  const changes: Change[] = input.entries.map((partial, i) => {
    const prefix = `entries.${i}.`;
    const current = liveEntry(state, partial.entry_id);
    if (!current || current.catalog_type_id !== type.id) {
      throw validationError(
        `${prefix}entry_id`,
        `There is no entry with ID "${partial.entry_id}" in "${type.name}".`,
      );
    }
    if (seen.has(current.id)) {
      throw validationError(`${prefix}entry_id`, `The entry "${current.id}" is given twice.`, "not_unique");
    }
    seen.add(current.id);
    const record = written(
      state,
      type,
      current,
      { ...partial, rank: partial.rank ?? 0 },
      prefix,
      input.update_attributes,
      at,
    );
    return { collection: "catalog_entries", id: record.id, record };
  });
  state.commit(changes);
}

/** Archives the entry (`DELETE` "archives a catalog entry"): incidents that name it keep showing it. */
export function deleteCatalogEntry(state: EmulatorState, now: number, entry: CatalogEntryRecord): void {
  const at = new Date(now).toISOString();
  state.commit([
    { collection: "catalog_entries", id: entry.id, record: { ...entry, archived_at: at, updated_at: at } },
  ]);
}

/**
 * The entry as `write` leaves it, checked against the type; nothing is stored here. An external ID can be given
 * to an entry that has none, but never changed: incident.io keeps it fixed, since imports find entries by it.
 */
function written(
  state: EmulatorState,
  type: CatalogTypeRecord,
  current: CatalogEntryRecord,
  write: EntryWrite,
  prefix: string,
  updateAttributes: readonly string[] | undefined,
  at: string,
): CatalogEntryRecord {
  const parsed = parseAttributeValues(type, write.attribute_values, `${prefix}attribute_values`);
  if (write.external_id !== undefined && write.external_id !== current.external_id) {
    if (current.external_id !== undefined) {
      throw validationError(
        `${prefix}external_id`,
        `The entry "${current.name}" has the external ID "${current.external_id}", which cannot change: create a new entry with "${write.external_id}" and delete this one.`,
      );
    }
    const taken = byExternalId(state, type, write.external_id);
    if (taken) {
      throw validationError(
        `${prefix}external_id`,
        `The entry "${taken.name}" of "${type.name}" already has the external ID "${write.external_id}"; external IDs are unique within a type.`,
        "not_unique",
      );
    }
  }
  const next: CatalogEntryRecord = {
    ...current,
    name: write.name ?? current.name,
    aliases: write.aliases ? [...new Set(write.aliases)] : current.aliases,
    rank: write.rank ?? current.rank ?? 0,
    attribute_values: applyAttributeValues(current.attribute_values, parsed, updateAttributes),
    updated_at: at,
  };
  const external = write.external_id ?? current.external_id;
  if (external !== undefined) next.external_id = external;
  return next;
}

function liveTypeForBody(state: EmulatorState, id: string, field: string): CatalogTypeRecord {
  const type = state.get("catalog_types", id);
  if (!type || type.archived_at !== undefined) {
    throw validationError(
      field,
      `There is no catalog type with ID "${id}" (GET /v3/catalog_types lists them).`,
    );
  }
  return type;
}

function byExternalId(
  state: EmulatorState,
  type: CatalogTypeRecord,
  externalId: string,
): CatalogEntryRecord | undefined {
  return state.catalogEntries.withExternalId(type.id, externalId);
}

/** Renders entries of one answer, sharing the lookups their references and backlinks need. */
export class EntryRenderer {
  private readonly index: CatalogIndex;

  constructor(private readonly state: EmulatorState) {
    this.index = new CatalogIndex(state);
  }

  /** `CatalogEntryV3`. */
  render(type: CatalogTypeRecord, entry: CatalogEntryRecord, depth: LinkDepth = "forward") {
    return {
      id: entry.id,
      catalog_type_id: entry.catalog_type_id,
      name: entry.name,
      ...(entry.external_id !== undefined ? { external_id: entry.external_id } : {}),
      aliases: entry.aliases,
      rank: entry.rank ?? 0,
      attribute_values: renderAttributeValues(this.state, this.index, type, entry, depth),
      created_at: entry.created_at,
      updated_at: entry.updated_at,
    };
  }
}
