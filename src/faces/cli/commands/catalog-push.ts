import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import type { PushKind, PushSettings } from "../../../catalog/push/index.js";
import { clientFor, globalsOf, outputFor } from "../client.js";
import { UsageError } from "../errors.js";
import { collect, helpAfter } from "../flags.js";
import { catalogDirFor } from "./catalog-place.js";

interface PushFlags {
  /** Unset: the local hub's catalog, as `catalog validate` finds it. */
  dir?: string | undefined;
  dryRun?: boolean | undefined;
  prune?: boolean | undefined;
  kinds?: string | undefined;
  name?: string[] | undefined;
  typeName?: string[] | undefined;
  syncId: string;
}

/**
 * `catalog push`: the Backstage catalog into incident.io's catalog, as incident.io's catalog-importer does from
 * its own config. Registered under `catalog` by `registerCatalogCommand`.
 */
export function registerCatalogPush(catalog: CommandUnknownOpts, config: Config, defaultDir: string): void {
  catalog
    .command("push")
    .description(
      "Push the catalog into incident.io's catalog: a catalog type per kind (Component → Service, System, " +
        "Group → Team, API, Resource, Domain; User with --kinds), an entry per entity keyed by its reference " +
        "(external ID), owners, systems, dependencies and APIs as references between the types, links and " +
        "annotations as attributes. Writes only what differs; run again after a failure to pick up where it " +
        "stopped. Types are marked with a sync ID; --prune deletes entries of those types only, and attributes " +
        "incident.io keeps elsewhere (dashboard, external) are never written.",
    )
    .option(
      "--dir <path>",
      `the catalog folder (read with its sub-folders), or one catalog file (default: hub.yaml's here, else ./${defaultDir}, else the demo hub's)`,
    )
    .option(
      "--dry-run",
      "read and compare only: print the types and entries a push would create, update, delete",
    )
    .option("--prune", "delete entries of this push's types whose entity is no longer in the catalog")
    .option(
      "--kinds <list>",
      "the kinds to push, comma-separated (default: Component,System,Group,API,Resource,Domain)",
    )
    .option("--name <kind=name>", "a type's name in incident.io, e.g. Group=Squad (repeatable)", collect)
    .option(
      "--type-name <kind=TypeName>",
      'a new type\'s type name, e.g. Component=BackstageService for Custom["BackstageService"] (repeatable)',
      collect,
    )
    .option(
      "--sync-id <id>",
      "marks the types this push manages; give each catalog pushed into one account its own",
      "incidentkit",
    )
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit catalog push --dry-run",
          "incidentkit catalog push --dir catalog --prune",
          "incidentkit catalog push --kinds component,group --name Component=Service --json",
        ],
        "{ dry_run, prune, sync_id, types: [{ kind, name, type_name, id, action, updates, schema, kept_elsewhere, clashes, entries: { create, update: [{ external_id, changes }], delete, not_pruned, unchanged, hand_made } }], left_alone, duplicates, calls: { reads, writes } }",
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const [{ loadCatalogDir, summarise, describeSummary }, push] = await Promise.all([
        import("../../../catalog/index.js"),
        import("../../../catalog/push/index.js"),
      ]);
      const settings = settingsOf(flags, push);
      const dir = await catalogDirFor(config, flags.dir);
      const catalog = loadCatalogDir(dir);
      if (!out.json && catalog.problems.length > 0) {
        process.stderr.write(
          `catalog: ${describeSummary(summarise(catalog))} (incidentkit catalog validate --dir ${dir} lists them)\n`,
        );
      }
      const io = clientFor(config, globals);
      const bar = progress(process.stderr);
      const report = await push
        .pushCatalog(io, catalog, {
          ...settings,
          dryRun: flags.dryRun === true,
          prune: flags.prune === true,
          onProgress: bar.update,
        })
        .finally(bar.done);
      out.emit(push.pushJson(report), () => push.describePush(report));
    });
}

type PushModule = typeof import("../../../catalog/push/index.js");

function settingsOf(flags: PushFlags, push: PushModule): PushSettings {
  const kinds = flags.kinds === undefined ? [...push.DEFAULT_PUSH_KINDS] : kindList(flags.kinds, push);
  const names: Partial<Record<PushKind, string>> = {};
  for (const [kind, name] of pairs("--name", flags.name ?? [], push)) names[kind] = name;
  const typeNames: Partial<Record<PushKind, string>> = {};
  for (const [kind, raw] of pairs("--type-name", flags.typeName ?? [], push)) {
    const typeName = push.customTypeName(raw);
    if (typeName === undefined) {
      throw new UsageError(
        `--type-name ${kind}=${raw}: a type name is letters, digits, _ and -, e.g. ${kind}=Backstage${kind}`,
      );
    }
    typeNames[kind] = typeName;
  }
  const syncId = flags.syncId.trim();
  if (syncId === "")
    throw new UsageError("--sync-id is empty: give the push a name, e.g. --sync-id my-org/catalog");
  return { syncId, kinds, names, typeNames };
}

function kindList(raw: string, push: PushModule): PushKind[] {
  const kinds = raw
    .split(",")
    .map((word) => word.trim())
    .filter((word) => word !== "");
  if (kinds.length === 0)
    throw new UsageError(`--kinds is empty: give some of ${push.PUSH_KINDS.join(", ")}`);
  return [...new Set(kinds.map((word) => kindOf("--kinds", word, push)))];
}

function kindOf(flag: string, word: string, push: PushModule): PushKind {
  const kind = push.pushKindNamed(word);
  if (kind === undefined) {
    throw new UsageError(
      `${flag}: "${word}" is not a kind catalog push pushes; give one of ${push.PUSH_KINDS.join(", ")}`,
    );
  }
  return kind;
}

/** `Kind=value` uses of a repeatable flag. */
function pairs(flag: string, uses: readonly string[], push: PushModule): Array<[PushKind, string]> {
  return uses.map((use) => {
    const at = use.indexOf("=");
    const value = at > 0 ? use.slice(at + 1).trim() : "";
    if (at <= 0 || value === "")
      throw new UsageError(`${flag} takes kind=value, e.g. ${flag} Group=Squad; got "${use}"`);
    return [kindOf(flag, use.slice(0, at), push), value];
  });
}

/** `\r`-updated entry counts on stderr when it is a terminal; nothing otherwise. */
function progress(stream: { isTTY?: boolean; write(text: string): unknown }): {
  update(done: number, total: number): void;
  done(): void;
} {
  let drawn = false;
  return {
    update(done, total) {
      if (!stream.isTTY) return;
      stream.write(`\rPushing entries: ${done}/${total}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}
