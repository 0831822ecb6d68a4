import type { IncidentIo } from "../../api/client.js";
import { ConfigError, IncidentIoApiError, IncidentKitError } from "../../api/errors.js";
import { CATALOG_BULK_UPDATE_MAX } from "../../api/resources/catalog.js";
import type { CatalogEntry, CatalogType } from "../../api/types/catalog.js";
import type { Catalog } from "../load.js";
import { type DesiredEntries, desiredEntries } from "./desired.js";
import { attributeValues, diffEntries, type EntriesPlan } from "./entries-diff.js";
import { KIND_ANNOTATION } from "./kinds.js";
import { type PushSettings, planTypes, type TypePlan } from "./plan.js";
import { eachLimited } from "./pool.js";

export interface PushOptions extends PushSettings {
  /** Read and compare only: the report says what a push would change. */
  dryRun?: boolean;
  /** Delete entries of this push's types whose entity is no longer in the catalog. */
  prune?: boolean;
  /** Requests under way at once; 10 unless told (pacing is the client's rate limiter). */
  concurrency?: number;
  /** After each entry write: how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
}

/** What a push did (or, in a dry run, would do) to one type and its entries. */
export interface TypeReport {
  kind: string;
  name: string;
  typeName: string;
  /** Absent for a type a dry run would create. */
  id?: string;
  action: "create" | "update" | "unchanged";
  /** Fields of the type that change (`name`, `annotations`). */
  updates: string[];
  /** `+Owner`, `-Team`, `~Tags`. */
  schema: string[];
  /** Attributes of ours incident.io keeps elsewhere: left as they are, values not written. */
  keptElsewhere: string[];
  /** Attributes of ours not added because the type has another of that name. */
  clashes: string[];
  create: string[];
  update: Array<{ externalId: string; changes: string[] }>;
  delete: string[];
  /** Entries no longer in the catalog, kept since `--prune` was not given. */
  notPruned: string[];
  unchanged: number;
  /** Entries made in incident.io without an external ID: never touched. */
  handMade: number;
}

export interface PushReport {
  dryRun: boolean;
  prune: boolean;
  syncId: string;
  types: TypeReport[];
  /** Types of this sync ID that hold kinds this push leaves out. */
  leftAlone: Array<{ name: string; typeName: string; kind?: string }>;
  /** References given twice in the catalog; the first was pushed. */
  duplicates: string[];
  /** API calls answered: reads (lists) and writes (retries not counted). */
  calls: { reads: number; writes: number };
}

const DEFAULT_CONCURRENCY = 10;

/**
 * Pushes the catalog's entities into incident.io's catalog: one type per kind, each entity an entry keyed by its
 * reference as external ID. Reads first (the types, then each type's entries) and writes only what differs, so a
 * push with nothing changed makes reads only. A push stopped part way (a fault, a lost answer) is picked up by
 * the next: it reads what is there, and a create repeated with an external ID updates that entry instead of
 * making another.
 */
export async function pushCatalog(
  io: IncidentIo,
  catalog: Catalog,
  options: PushOptions,
): Promise<PushReport> {
  const desired = desiredEntries(catalog, options.kinds);
  checkPrune(catalog, desired, options);
  const calls = { reads: 0, writes: 0 };
  const dryRun = options.dryRun === true;
  try {
    calls.reads++;
    const plan = planTypes(await io.catalogTypes.list(), desired, options);
    const ids = dryRun ? existingIds(plan.types) : await writeTypes(io, plan.types, calls);
    const reports: TypeReport[] = [];
    const writes: Array<() => Promise<void>> = [];
    for (const type of plan.types) {
      const id = ids.get(type.kind);
      const entries = id === undefined ? [] : await listEntries(io, id, calls);
      // A dry run reads entries before the schema change that a push makes first: compare as that change leaves them.
      const diff = diffEntries(
        type.entries,
        entries,
        type.schema.written,
        type.attributeNames,
        dryRun ? type.schema.cleared : new Set(),
      );
      reports.push(reportOf(type, id, diff, options.prune === true));
      if (id !== undefined) writes.push(...entryWrites(io, id, type, diff, options.prune === true, calls));
    }
    if (!dryRun) {
      let done = 0;
      await eachLimited(writes, options.concurrency ?? DEFAULT_CONCURRENCY, async (write) => {
        await write();
        options.onProgress?.(++done, writes.length);
      });
    }
    return {
      dryRun,
      prune: options.prune === true,
      syncId: options.syncId,
      types: reports,
      leftAlone: plan.leftAlone.map((type) => ({
        name: type.name,
        typeName: type.type_name,
        ...(type.annotations[KIND_ANNOTATION] ? { kind: type.annotations[KIND_ANNOTATION] } : {}),
      })),
      duplicates: desired.duplicates,
      calls,
    };
  } catch (error) {
    throw stopped(error, calls.writes);
  }
}

/**
 * `--prune` deletes what the catalog no longer has, so a catalog read wrongly would delete what it left out: it is
 * refused on a catalog with errors (their entities are left out) or without any entity to push (a wrong folder).
 */
function checkPrune(catalog: Catalog, desired: DesiredEntries, options: PushOptions): void {
  if (!options.prune) return;
  const errors = catalog.problems.filter((problem) => problem.severity === "error").length;
  if (errors > 0) {
    throw new ConfigError(
      "--prune",
      `the catalog has ${errors} ${errors === 1 ? "error" : "errors"}, and --prune would delete the entries of the entities they leave out`,
      "correct the catalog (incidentkit catalog validate lists the errors), or push without --prune",
    );
  }
  if ([...desired.byKind.values()].every((entries) => entries.length === 0)) {
    throw new ConfigError(
      "--prune",
      `the catalog has no ${options.kinds.join(", ")} entities, and --prune would delete every entry pushed before`,
      "check --dir (incidentkit catalog list shows what it holds), or push without --prune",
    );
  }
}

/** Creates the missing types, renames and marks the others, then sets every schema; returns each kind's type ID. */
async function writeTypes(
  io: IncidentIo,
  types: readonly TypePlan[],
  calls: { writes: number },
): Promise<Map<string, string>> {
  const current = new Map<string, CatalogType>();
  // Every type first: an attribute can only point at a type that exists.
  for (const type of types) {
    if (type.existing) {
      current.set(type.kind, type.existing);
      continue;
    }
    const created = await io.catalogTypes.create({
      name: type.look.name,
      description: type.look.description,
      type_name: type.look.typeName,
      categories: type.look.categories,
      icon: type.look.icon,
      color: type.look.color,
      annotations: type.annotations,
    });
    calls.writes++;
    current.set(type.kind, created.catalog_type);
  }
  for (const type of types) {
    const existing = type.existing;
    if (existing === undefined || type.updates.length === 0) continue;
    // Only the name and the marks: a description, icon or colour people changed in incident.io stays theirs.
    const updated = await io.catalogTypes.update(existing.id, {
      name: type.look.name,
      description: existing.description,
      annotations: type.annotations,
    });
    calls.writes++;
    current.set(type.kind, updated.catalog_type);
  }
  for (const type of types) {
    const attributes = type.schema.payload;
    const at = current.get(type.kind);
    if (attributes === undefined || at === undefined) continue;
    await io.catalogTypes.updateSchema(at.id, { version: at.schema.version, attributes });
    calls.writes++;
  }
  return new Map([...current].map(([kind, type]) => [kind, type.id]));
}

function existingIds(types: readonly TypePlan[]): Map<string, string> {
  return new Map(types.flatMap((type) => (type.existing ? [[type.kind, type.existing.id] as const] : [])));
}

async function listEntries(
  io: IncidentIo,
  typeId: string,
  calls: { reads: number },
): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = [];
  let after: string | undefined;
  do {
    calls.reads++;
    const page = await io.catalogEntries.listPage(
      { catalogTypeId: typeId },
      { pageSize: 250, ...(after ? { after } : {}) },
    );
    entries.push(...page.entries);
    after = page.entries.length > 0 ? page.paginationMeta.after : undefined;
  } while (after);
  return entries;
}

/**
 * The writes one type's entries need: a create each (safe to repeat: the external ID makes a repeat an update),
 * bulk updates of up to 250 changing only the attributes this push writes, and with `--prune` a delete each.
 */
function entryWrites(
  io: IncidentIo,
  typeId: string,
  type: TypePlan,
  diff: EntriesPlan,
  prune: boolean,
  calls: { writes: number },
): Array<() => Promise<void>> {
  const written = type.schema.written;
  const writes: Array<() => Promise<void>> = diff.create.map((want) => async () => {
    await io.catalogEntries.create({
      catalog_type_id: typeId,
      name: want.name,
      external_id: want.externalId,
      aliases: want.aliases,
      attribute_values: attributeValues(want, written, type.arrays),
    });
    calls.writes++;
  });
  for (let i = 0; i < diff.update.length; i += CATALOG_BULK_UPDATE_MAX) {
    const batch = diff.update.slice(i, i + CATALOG_BULK_UPDATE_MAX);
    writes.push(async () => {
      await io.catalogEntries.bulkUpdate({
        catalog_type_id: typeId,
        update_attributes: [...written],
        entries: batch.map(({ entry, want }) => ({
          entry_id: entry.id,
          name: want.name,
          aliases: want.aliases,
          // A rank left out of a bulk update is cleared; keep the one people gave.
          rank: entry.rank,
          attribute_values: attributeValues(want, written, type.arrays),
        })),
      });
      calls.writes++;
    });
  }
  if (prune) {
    for (const entry of diff.gone) {
      writes.push(async () => {
        await io.catalogEntries.delete(entry.id).catch((error: unknown) => {
          // Deleted already: by a push whose answer was lost, or by someone in incident.io.
          if (!(error instanceof IncidentIoApiError && error.status === 404)) throw error;
        });
        calls.writes++;
      });
    }
  }
  return writes;
}

function reportOf(type: TypePlan, id: string | undefined, diff: EntriesPlan, prune: boolean): TypeReport {
  const changed = type.updates.length > 0 || type.schema.changes.length > 0;
  return {
    kind: type.kind,
    name: type.look.name,
    typeName: type.look.typeName,
    ...(id !== undefined ? { id } : {}),
    action: type.existing === undefined ? "create" : changed ? "update" : "unchanged",
    updates: type.updates,
    schema: type.schema.changes,
    keptElsewhere: type.schema.keptElsewhere,
    clashes: type.schema.clashes,
    create: diff.create.map((want) => want.externalId),
    update: diff.update.map((u) => ({ externalId: u.want.externalId, changes: u.changes })),
    delete: prune ? diff.gone.map(externalIdOf) : [],
    notPruned: prune ? [] : diff.gone.map(externalIdOf),
    unchanged: diff.unchanged,
    handMade: diff.handMade,
  };
}

function externalIdOf(entry: CatalogEntry): string {
  return entry.external_id ?? entry.id;
}

/** A failure part way, saying how far the push got and that running it again picks up from there. */
function stopped(error: unknown, writes: number): unknown {
  if (!(error instanceof IncidentKitError) || error instanceof ConfigError) return error;
  return new IncidentKitError({
    code: error.code,
    message: `catalog push stopped after ${writes} ${writes === 1 ? "write" : "writes"}: ${error.message}`,
    hint: `${error.hint}; then push again: it reads what incident.io has and picks up where it stopped, without duplicates`,
    retryable: error.retryable,
    cause: error,
  });
}
