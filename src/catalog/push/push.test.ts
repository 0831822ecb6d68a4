/**
 * `pushCatalog` against the emulator over real HTTP, with Backstage's own example catalog (a real corpus) and the
 * demo catalog as inputs. Every request the emulator answers is recorded, so "only reads" and "exactly these
 * writes" are checked where incident.io would see them.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { IncidentIo } from "../../api/client.js";
import { ConfigError } from "../../api/errors.js";
import type { CatalogEntry, CatalogType } from "../../api/types/catalog.js";
import { testSnapshot } from "../../emulator/testing.js";
import { ManualClock } from "../../shared/clock.js";
import type { BackstageEntity } from "../entity.js";
import { type Catalog, loadCatalogDir } from "../load.js";
import { DEFAULT_PUSH_KINDS, KIND_ANNOTATION, SYNC_ID_ANNOTATION } from "./kinds.js";
import { type PushOptions, pushCatalog } from "./push.js";

const BACKSTAGE = loadCatalogDir("test/fixtures/catalog/backstage");
const DEMO = loadCatalogDir("examples/catalog");
const OPTIONS: PushOptions = { syncId: "test-push", kinds: DEFAULT_PUSH_KINDS };

interface Answered {
  method: string;
  path: string;
  status: number;
}

let t: TestEmulator;
let answered: Answered[];
let onAnswer: (a: Answered) => void;
let io: IncidentIo;

beforeEach(async () => {
  answered = [];
  onAnswer = () => {};
  t = await startTestEmulator({
    ephemeral: true,
    snapshot: testSnapshot(),
    listen: true,
    onResponse: (e) => {
      const a = {
        method: e.method.toUpperCase(),
        path: new URL(e.path, "http://x").pathname,
        status: e.status,
      };
      answered.push(a);
      onAnswer(a);
    },
  });
  io = client();
});

afterEach(async () => {
  await t.close();
});

/** A client with its own pacing (the tests' clock never sleeps long) and quick retries. */
function client(options: { maxRetries?: number } = {}): IncidentIo {
  return new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    rateLimit: false,
    random: () => 0,
    clock: new ManualClock(0),
    ...options,
  });
}

/** The API requests answered since the last call, leaving the test's own reads out. */
function requests(): Answered[] {
  const taken = answered.filter((a) => a.path.startsWith("/v"));
  answered = [];
  return taken;
}

const writesOf = (list: Answered[]) => list.filter((a) => a.method !== "GET");
const count = (list: Answered[], method: string, path: RegExp) =>
  list.filter((a) => a.method === method && path.test(a.path)).length;

async function ourTypes(syncId = OPTIONS.syncId): Promise<CatalogType[]> {
  return (await io.catalogTypes.list()).filter((type) => type.annotations[SYNC_ID_ANNOTATION] === syncId);
}

async function entriesOf(type: CatalogType): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = [];
  for await (const entry of io.catalogEntries.list({ catalogTypeId: type.id })) entries.push(entry);
  return entries;
}

async function typeOf(kind: string): Promise<CatalogType> {
  const type = (await ourTypes()).find((candidate) => candidate.annotations[KIND_ANNOTATION] === kind);
  if (!type) throw new Error(`no ${kind} type was pushed`);
  return type;
}

function pushedKinds(catalog: Catalog): BackstageEntity[] {
  return [...catalog.entities, ...catalog.others].filter((entity) =>
    (DEFAULT_PUSH_KINDS as readonly string[]).includes(entity.kind),
  );
}

/** The catalog with `change` applied to the entity of this reference, and without the `removed` ones. */
function edited(
  catalog: Catalog,
  changes: Record<string, (entity: BackstageEntity) => BackstageEntity>,
  removed: readonly string[] = [],
): Catalog {
  const known = new Set([...catalog.entities, ...catalog.others].map((entity) => entity.ref));
  for (const ref of [...Object.keys(changes), ...removed]) {
    if (!known.has(ref)) throw new Error(`the catalog has no ${ref}`);
  }
  const apply = <E extends BackstageEntity>(list: E[]): E[] =>
    list
      .filter((entity) => !removed.includes(entity.ref))
      .map((entity) => (changes[entity.ref]?.(entity) as E | undefined) ?? entity);
  return { ...catalog, entities: apply(catalog.entities), others: apply(catalog.others) };
}

describe("catalog push", () => {
  it("first push creates a type per kind and an entry per entity, references between the types", async () => {
    const report = await pushCatalog(io, BACKSTAGE, OPTIONS);
    const entities = pushedKinds(BACKSTAGE);
    const byKind = new Map<string, number>();
    for (const entity of entities) byKind.set(entity.kind, (byKind.get(entity.kind) ?? 0) + 1);

    const types = await ourTypes();
    expect(types.map((type) => type.annotations[KIND_ANNOTATION]).sort()).toEqual([...byKind.keys()].sort());
    for (const type of types) {
      const kind = type.annotations[KIND_ANNOTATION] ?? "";
      const entries = await entriesOf(type);
      expect(entries).toHaveLength(byKind.get(kind) ?? -1);
      expect(new Set(entries.map((entry) => entry.external_id)).size).toBe(entries.length);
    }
    const written = requests();
    const creates = count(written, "POST", /^\/v3\/catalog_entries$/);
    expect(creates).toBe(entities.length);
    expect(count(written, "POST", /^\/v3\/catalog_types$/)).toBe(byKind.size);
    expect(report.calls.writes).toBe(writesOf(written).length);
    expect(report.types.every((type) => type.action === "create")).toBe(true);

    // A component as Backstage's example catalog writes it, with its references as the targets' external IDs.
    const service = await typeOf("Component");
    expect(service).toMatchObject({ name: "Service", type_name: 'Custom["BackstageComponent"]' });
    const attribute = (name: string) => service.schema.attributes.find((a) => a.name === name)?.id ?? "";
    const [artist] = (await entriesOf(service)).filter(
      (entry) => entry.external_id === "component:default/artist-lookup",
    );
    const source = [...BACKSTAGE.entities].find((entity) => entity.ref === "component:default/artist-lookup");
    expect(source).toBeDefined();
    expect(artist).toMatchObject({ name: source?.title ?? "artist-lookup" });
    expect(artist?.aliases).toContain("artist-lookup");
    expect(artist?.attribute_values[attribute("Owner")]?.value?.literal).toBe(source?.owner?.toLowerCase());
    expect(artist?.attribute_values[attribute("System")]?.value?.literal).toBe(source?.system?.toLowerCase());
    expect(artist?.attribute_values[attribute("Depends on resources")]?.array_value).toEqual([
      { literal: "resource:default/artists-db", label: "artists-db" },
    ]);
    expect(artist?.attribute_values[attribute("Depends on")]).toBeUndefined();
    const [ingestion] = (await entriesOf(service)).filter(
      (entry) => entry.external_id === "component:default/wayback-archive-ingestion",
    );
    expect(ingestion?.attribute_values[attribute("Part of")]?.value?.literal).toBe(
      "component:default/wayback-archive",
    );
    // The owner is an entry of the pushed Team type, so incident.io shows its name, not the literal.
    const owner = await io.catalogEntries.show(artist?.id ?? "");
    const team = (await entriesOf(await typeOf("Group"))).find((e) => e.external_id === source?.owner);
    expect(owner.attribute_values[attribute("Owner")]?.value?.label).toBe(team?.name);
  });

  it("keeps a reference to a team defined in another repository, in a type of its own", async () => {
    const single = loadCatalogDir("test/fixtures/catalog/pagerduty-backstage-plugin");
    const [plugin] = single.entities;
    expect(single.entities.map((entity) => entity.kind)).toEqual(["Component"]);
    const report = await pushCatalog(io, single, OPTIONS);
    expect(report.types.map((type) => [type.kind, type.create.length])).toEqual([
      ["Component", 1],
      ["Group", 0],
    ]);
    const service = await typeOf("Component");
    const owner = service.schema.attributes.find((a) => a.name === "Owner");
    expect(owner?.type).toBe((await typeOf("Group")).type_name);
    const [entry] = await entriesOf(service);
    expect(entry?.attribute_values[owner?.id ?? ""]?.value).toEqual({
      literal: plugin?.owner?.toLowerCase(),
      label: plugin?.owner?.toLowerCase(),
    });
  });

  it("a second push with no change makes only reads", async () => {
    await pushCatalog(io, BACKSTAGE, OPTIONS);
    requests();
    const again = await pushCatalog(io, BACKSTAGE, OPTIONS);
    const made = requests();
    expect(writesOf(made)).toEqual([]);
    expect(again.calls.writes).toBe(0);
    expect(again.calls.reads).toBe(made.length);
    expect(again.types.every((type) => type.action === "unchanged" && type.create.length === 0)).toBe(true);
  });

  it("an edit pushes exactly the entries that changed, in one bulk update", async () => {
    await pushCatalog(io, BACKSTAGE, OPTIONS);
    requests();
    const changed = edited(BACKSTAGE, {
      "component:default/artist-lookup": (e) => ({ ...e, title: "Artist lookup (v2)" }),
      "component:default/playback-order": (e) => ({
        ...e,
        owner: "group:default/team-a",
        relations: [
          ...e.relations.filter((r) => r.type !== "ownedBy"),
          { type: "ownedBy", target: "group:default/team-a" },
        ],
      }),
      "component:default/wayback-archive": (e) => ({ ...e, tags: [...e.tags, "archive"] }),
    });
    const report = await pushCatalog(io, changed, OPTIONS);
    const made = writesOf(requests());
    expect(made.map((a) => `${a.method} ${a.path}`)).toEqual([
      "POST /v3/catalog_entries/actions/bulk_update",
    ]);
    const service = report.types.find((type) => type.kind === "Component");
    expect(service?.update).toEqual([
      { externalId: "component:default/artist-lookup", changes: ["name", "aliases"] },
      { externalId: "component:default/playback-order", changes: ["Owner"] },
      { externalId: "component:default/wayback-archive", changes: ["Tags"] },
    ]);
    const entries = await entriesOf(await typeOf("Component"));
    const artist = entries.find((entry) => entry.external_id === "component:default/artist-lookup");
    expect(artist?.name).toBe("Artist lookup (v2)");
  });

  it("--prune deletes exactly the entries whose entities were removed, nothing of other types or made by hand", async () => {
    await pushCatalog(io, BACKSTAGE, OPTIONS);
    const others = (await io.catalogTypes.list()).filter((type) => !type.annotations[SYNC_ID_ANNOTATION]);
    expect(others.length).toBeGreaterThan(0);
    const othersBefore = await Promise.all(others.map(entriesOf));
    const service = await typeOf("Component");
    const byHand = await io.catalogEntries.create({
      catalog_type_id: service.id,
      name: "Made in incident.io",
      attribute_values: {},
    });
    const removed = ["component:default/example", "api:default/wayback-search"];
    const smaller = edited(BACKSTAGE, {}, removed);

    const kept = await pushCatalog(io, smaller, OPTIONS);
    expect(kept.types.flatMap((type) => type.notPruned).sort()).toEqual(removed.sort());
    requests();
    const pruned = await pushCatalog(io, smaller, { ...OPTIONS, prune: true });
    const made = writesOf(requests());
    expect(made.map((a) => a.method)).toEqual(["DELETE", "DELETE"]);
    expect(pruned.types.flatMap((type) => type.delete).sort()).toEqual(removed.sort());

    const left = await entriesOf(service);
    expect(left.map((entry) => entry.external_id)).not.toContain("component:default/example");
    expect(left.map((entry) => entry.id)).toContain(byHand.catalog_entry.id);
    expect(await Promise.all(others.map(entriesOf))).toEqual(othersBefore);
    const again = await pushCatalog(io, smaller, { ...OPTIONS, prune: true });
    expect(again.calls.writes).toBe(0);
  });

  it("--prune is refused on a catalog with errors or with nothing to push", async () => {
    const broken: Catalog = {
      ...DEMO,
      problems: [{ severity: "error", file: "x.yaml", line: 1, column: 1, field: "kind", message: "bad" }],
      valid: false,
    };
    await expect(pushCatalog(io, broken, { ...OPTIONS, prune: true })).rejects.toThrow(/1 error/);
    const empty: Catalog = { ...DEMO, entities: [], others: [] };
    await expect(pushCatalog(io, empty, { ...OPTIONS, prune: true })).rejects.toThrow(ConfigError);
    expect(writesOf(requests())).toEqual([]);
  });

  it("a fault part way stops the push; the next push picks up without duplicates", async () => {
    const fragile = client({ maxRetries: 1 });
    let creates = 0;
    onAnswer = (a) => {
      if (a.method === "POST" && a.path === "/v3/catalog_entries" && a.status === 201 && ++creates === 25) {
        t.emulator.faults.set({ errorRate: 1 });
      }
    };
    await expect(pushCatalog(fragile, BACKSTAGE, OPTIONS)).rejects.toThrow(
      /catalog push stopped after \d+ writes/,
    );
    t.emulator.faults.clear();
    onAnswer = () => {};
    const resumed = await pushCatalog(fragile, BACKSTAGE, OPTIONS);
    const total = pushedKinds(BACKSTAGE).length;
    expect(resumed.types.reduce((sum, type) => sum + type.create.length + type.unchanged, 0)).toBe(total);
    expect(resumed.types.reduce((sum, type) => sum + type.unchanged, 0)).toBeGreaterThanOrEqual(25);
    const all = (await Promise.all((await ourTypes()).map(entriesOf))).flat();
    expect(all).toHaveLength(total);
    expect(new Set(all.map((entry) => entry.external_id)).size).toBe(total);
  });

  it("answers lost after the write are retried as updates, never as second entries", async () => {
    // From the first entry on: creating a type is not repeated on a lost answer (the next push finds the type).
    onAnswer = (a) => {
      if (a.method === "POST" && a.path === "/v3/catalog_entries")
        t.emulator.faults.set({ lostResponseRate: 0.3 });
    };
    const report = await pushCatalog(client({ maxRetries: 8 }), DEMO, OPTIONS);
    t.emulator.faults.clear();
    const all = (await Promise.all((await ourTypes()).map(entriesOf))).flat();
    const total = pushedKinds(DEMO).length;
    expect(report.types.reduce((sum, type) => sum + type.create.length, 0)).toBe(total);
    expect(all).toHaveLength(total);
    expect(new Set(all.map((entry) => entry.external_id)).size).toBe(total);
    expect(requests().some((a) => a.status === 502)).toBe(true);
  });

  it("--dry-run reads only and reports what a push would do", async () => {
    const first = await pushCatalog(io, DEMO, { ...OPTIONS, dryRun: true });
    expect(writesOf(requests())).toEqual([]);
    expect(await ourTypes()).toEqual([]);
    expect(first.types.map((type) => type.action)).toEqual(first.types.map(() => "create"));
    expect(first.types.reduce((sum, type) => sum + type.create.length, 0)).toBe(pushedKinds(DEMO).length);

    await pushCatalog(io, DEMO, OPTIONS);
    const [gone, ...rest] = DEMO.entities;
    const changed = edited(DEMO, { [rest[0]?.ref ?? ""]: (e) => ({ ...e, description: "Changed" }) }, [
      gone?.ref ?? "",
    ]);
    const before = (await Promise.all((await ourTypes()).map(entriesOf))).flat();
    requests();
    const dry = await pushCatalog(io, changed, { ...OPTIONS, dryRun: true, prune: true });
    expect(writesOf(requests())).toEqual([]);
    expect(dry.types.flatMap((type) => type.delete)).toEqual([gone?.ref]);
    expect(dry.types.flatMap((type) => type.update.map((u) => [u.externalId, u.changes]))).toEqual([
      [rest[0]?.ref, ["Description"]],
    ]);
    expect((await Promise.all((await ourTypes()).map(entriesOf))).flat()).toEqual(before);
  });

  it("never writes an attribute incident.io keeps elsewhere, nor removes one added by hand", async () => {
    await pushCatalog(io, DEMO, OPTIONS);
    const service = await typeOf("Component");
    const description = service.schema.attributes.find((a) => a.name === "Description");
    const attributes = service.schema.attributes.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      array: a.array,
      mode: a.id === description?.id ? ("dashboard" as const) : ("api" as const),
    }));
    attributes.push({ id: "tier", name: "Tier", type: "Number", array: false, mode: "api" });
    await io.catalogTypes.updateSchema(service.id, { version: service.schema.version, attributes });
    const [entry] = await entriesOf(service);
    await io.catalogEntries.update(entry?.id ?? "", {
      name: entry?.name ?? "",
      attribute_values: {
        [description?.id ?? ""]: { value: { literal: "Set by hand" } },
        tier: { value: { literal: "1" } },
      },
      update_attributes: [description?.id ?? "", "tier"],
    });
    const changed = edited(DEMO, {
      [entry?.external_id ?? ""]: (e) => ({ ...e, description: "From Backstage" }),
    });
    requests();
    const report = await pushCatalog(io, changed, OPTIONS);
    expect(writesOf(requests())).toEqual([]);
    expect(report.types.find((type) => type.kind === "Component")?.keptElsewhere).toEqual(["Description"]);
    const after = await io.catalogEntries.show(entry?.id ?? "");
    expect(after.attribute_values[description?.id ?? ""]?.value?.literal).toBe("Set by hand");
    expect(after.attribute_values.tier?.value?.literal).toBe("1");
    const schema = (await typeOf("Component")).schema.attributes;
    expect(schema.find((a) => a.id === description?.id)?.mode).toBe("dashboard");
    expect(schema.map((a) => a.name)).toContain("Tier");
  });

  it("refuses a type name incident.io already has from elsewhere, and pushes into one given instead", async () => {
    await io.catalogTypes.create({
      name: "Backstage components",
      description: "Made by catalog-importer",
      type_name: 'Custom["BackstageComponent"]',
      annotations: { "incident.io/catalog-importer/sync-id": "backstage" },
    });
    requests();
    await expect(pushCatalog(io, DEMO, OPTIONS)).rejects.toThrow(/catalog-importer \(sync ID "backstage"\)/);
    expect(writesOf(requests())).toEqual([]);
    const report = await pushCatalog(io, DEMO, {
      ...OPTIONS,
      typeNames: { Component: 'Custom["BackstageService"]' },
      names: { Group: "Squad" },
    });
    expect(report.types.find((type) => type.kind === "Component")?.typeName).toBe(
      'Custom["BackstageService"]',
    );
    expect((await typeOf("Group")).name).toBe("Squad");
    // Renamed later: the type is found by its sync ID and kind, renamed, not made again.
    const renamed = await pushCatalog(io, DEMO, {
      ...OPTIONS,
      typeNames: { Component: 'Custom["BackstageService"]' },
    });
    expect(renamed.types.find((type) => type.kind === "Group")).toMatchObject({
      action: "update",
      updates: ["name"],
    });
    expect((await typeOf("Group")).name).toBe("Team");
  });
});
