import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { ConfigError } from "../../../api/errors.js";
import type { BackstageEntity, Catalog } from "../../../catalog/index.js";
import { globalsOf, outputFor } from "../client.js";
import { helpAfter } from "../flags.js";
import { catalogDirFor } from "./catalog-place.js";
import { registerCatalogPush } from "./catalog-push.js";
import { registerCatalogShow } from "./catalog-show.js";

/** Where `catalog validate` and `catalog list` look unless told: `./catalog`. */
export const DEFAULT_CATALOG_DIR = "catalog";

const DIR_HELP =
  "the catalog folder (read with its sub-folders), or one catalog file (default: hub.yaml's here, else ./catalog, else the demo hub's)";
const STRICT_HELP = "count every warning as an error (exit 3 on any problem), as CI wants";

export function registerCatalogCommand(program: CommandUnknownOpts, config: Config): void {
  const catalog = program
    .command("catalog")
    .description(
      "The service catalog: Backstage catalog-info.yaml files as teams write them (every kind; Location " +
        "targets followed; other YAML and template skeletons skipped).",
    )
    .addHelpText(
      "after",
      helpAfter(["incidentkit catalog validate", "incidentkit catalog list --dir examples/catalog"]),
    );

  catalog
    .command("validate")
    .description(
      "Check every catalog file: each problem as file:line:column: field: message, then a summary. " +
        "Exits 3 when there is an error (an entity Backstage would refuse); warnings alone pass (a reference to " +
        "an entity defined elsewhere, a file that is not Backstage's) unless --strict.",
    )
    .option("--dir <path>", DIR_HELP)
    .option("--strict", STRICT_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit catalog validate",
          "incidentkit catalog validate --dir catalog-info.yaml --strict",
          "incidentkit catalog validate --dir examples/catalog --json",
        ],
        "{ valid, summary: { entities, by_kind, skipped: { not_backstage_files, template_skeleton_files, unknown_kinds, invalid }, errors, warnings }, problems: [{ severity, file, line, column, field, message }], skipped: [{ reason, kind, ref, source }] }",
      ),
    )
    .action(async (flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const { describeSummary, formatProblem, loadCatalogDir, strictly, summarise, validationJson } =
        await catalogModule();
      const dir = await catalogDirFor(config, flags.dir);
      const read = loadCatalogDir(dir);
      const loaded = flags.strict ? strictly(read) : read;
      out.emit(validationJson(loaded), () =>
        [...loaded.problems.map(formatProblem), describeSummary(summarise(loaded))].join("\n"),
      );
      refuseInvalid(loaded, dir);
    });

  catalog
    .command("list")
    .description(
      "The catalog's entities of every kind: reference, kind, title, owner, system and other relations. " +
        "Exits 3 if it has an error (with --strict, any problem).",
    )
    .option("--dir <path>", DIR_HELP)
    .option("--kind <kind>", "only entities of this kind (Component, API, User…)")
    .option("--strict", STRICT_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit catalog list",
          "incidentkit catalog list --kind api",
          "incidentkit catalog list --dir examples/catalog --json",
        ],
        "{ entities: [{ ref, kind, name, title, owner, system, depends_on, relations: [{ type, target }], annotations, links, source, … }], skipped, problems }",
      ),
    )
    .action(async (flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const {
        BACKSTAGE_KINDS,
        entityJson,
        formatProblem,
        loadCatalogDir,
        problemJson,
        skippedJson,
        strictly,
      } = await catalogModule();
      const dir = await catalogDirFor(config, flags.dir);
      const read = loadCatalogDir(dir);
      const loaded = flags.strict ? strictly(read) : read;
      const kind = flags.kind === undefined ? undefined : kindNamed(flags.kind, BACKSTAGE_KINDS);
      if (!out.json) {
        for (const problem of loaded.problems) process.stderr.write(`${formatProblem(problem)}\n`);
      }
      const entities = byKind([...loaded.entities, ...loaded.others], BACKSTAGE_KINDS).filter(
        (entity) => kind === undefined || entity.kind === kind,
      );
      const document = {
        entities: entities.map(entityJson),
        skipped: loaded.skipped.map(skippedJson),
        problems: loaded.problems.map(problemJson),
      };
      out.emit(document, () => {
        if (entities.length === 0)
          return `No ${kind === undefined ? "entities" : `${kind} entities`} in ${dir}.`;
        return out.table(
          ["REF", "KIND", "TITLE", "OWNER", "SYSTEM", "RELATIONS"],
          entities.map((entity) => [
            short(entity.ref),
            entity.kind,
            entity.title ?? entity.displayName ?? "",
            short(entity.owner ?? ""),
            short(entity.system ?? ""),
            otherRelations(entity),
          ]),
          { maxWidth: 50 },
        );
      });
      refuseInvalid(loaded, dir);
    });

  registerCatalogShow(catalog, config, DEFAULT_CATALOG_DIR);
  registerCatalogPush(catalog, config, DEFAULT_CATALOG_DIR);
}

/** Loaded when a catalog command runs: the YAML parser would slow every other command's start. */
function catalogModule() {
  return import("../../../catalog/index.js");
}

/** After the output: a catalog with errors is a configuration problem (exit code 3). */
function refuseInvalid(loaded: Catalog, dir: string): void {
  if (loaded.valid) return;
  const errors = loaded.problems.filter((problem) => problem.severity === "error").length;
  throw new ConfigError(
    "catalog",
    `the catalog in ${dir} has ${errors} ${errors === 1 ? "error" : "errors"}`,
    "correct each file at the line named, then run incidentkit catalog validate again",
  );
}

/** The kind `--kind` names, in Backstage's spelling; another is refused, naming the kinds. */
function kindNamed(wanted: string, kinds: readonly string[]): string {
  const kind = kinds.find((known) => known.toLowerCase() === wanted.trim().toLowerCase());
  if (kind === undefined) {
    throw new ConfigError("--kind", `"${wanted}" is not a Backstage kind`, `give one of ${kinds.join(", ")}`);
  }
  return kind;
}

/**
 * The relations the OWNER and SYSTEM columns do not show, those of one type together:
 * `dependsOn component:ledger, resource:db; providesApi api:payments`.
 */
function otherRelations(entity: BackstageEntity): string {
  const byType = new Map<string, string[]>();
  for (const relation of entity.relations) {
    if (relation.type === "ownedBy" || (relation.type === "partOf" && relation.target === entity.system))
      continue;
    byType.set(relation.type, [...(byType.get(relation.type) ?? []), short(relation.target)]);
  }
  return [...byType].map(([type, targets]) => `${type} ${targets.join(", ")}`).join("; ");
}

/** In Backstage's order of kinds (Components, Systems, Groups, Users, APIs…), each by reference. */
function byKind(entities: readonly BackstageEntity[], kinds: readonly string[]): BackstageEntity[] {
  const rank = (entity: BackstageEntity) => kinds.indexOf(entity.kind);
  return [...entities].sort((a, b) => rank(a) - rank(b) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** `group:payments` for the default namespace. */
function short(ref: string): string {
  return ref.replace(/:default\//, ":");
}
