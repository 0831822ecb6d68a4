import type { Command } from "commander";
import { ConfigError } from "../../../api/errors.js";
import type { Catalog, CatalogEntity } from "../../../catalog/index.js";
import type { Config } from "../../../config.js";
import { globalsOf, outputFor } from "../client.js";
import { helpAfter } from "../flags.js";
import { renderTable } from "../output/table.js";

/** Where `catalog validate` and `catalog list` look unless told: `./catalog`. */
export const DEFAULT_CATALOG_DIR = "catalog";

interface DirFlags {
  dir: string;
}

export function registerCatalogCommand(program: Command, config: Config): void {
  const catalog = program
    .command("catalog")
    .description("The service catalog: Backstage catalog-info.yaml files (Component, System, Group).")
    .addHelpText(
      "after",
      helpAfter(["incidentkit catalog validate", "incidentkit catalog list --dir examples/catalog"]),
    );

  catalog
    .command("validate")
    .description(
      "Check every catalog file: each problem as file:line:column: field: message, then a summary. " +
        "Exits 3 when there is an error (warnings alone pass).",
    )
    .option("--dir <folder>", "the catalog folder, read with its sub-folders", DEFAULT_CATALOG_DIR)
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit catalog validate", "incidentkit catalog validate --dir examples/catalog --json"],
        "{ valid, summary: { entities, by_kind, skipped, errors, warnings }, problems: [{ severity, file, line, column, field, message }], skipped }",
      ),
    )
    .action(async (flags: DirFlags, command: Command) => {
      const out = outputFor(config, globalsOf(command));
      const { describeSummary, formatProblem, loadCatalogDir, summarise, validationJson } =
        await catalogModule();
      const loaded = loadCatalogDir(flags.dir);
      out.emit(validationJson(loaded), () =>
        [...loaded.problems.map(formatProblem), describeSummary(summarise(loaded))].join("\n"),
      );
      refuseInvalid(loaded, flags.dir);
    });

  catalog
    .command("list")
    .description(
      "The catalog's entities: reference, kind, title, owner and system. Exits 3 if it is invalid.",
    )
    .option("--dir <folder>", "the catalog folder, read with its sub-folders", DEFAULT_CATALOG_DIR)
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit catalog list", "incidentkit catalog list --dir examples/catalog --json"],
        "{ entities: [{ ref, kind, name, title, owner, system, depends_on, annotations, links, source, … }], skipped, problems }",
      ),
    )
    .action(async (flags: DirFlags, command: Command) => {
      const out = outputFor(config, globalsOf(command));
      const { ENTITY_KINDS, entityJson, formatProblem, loadCatalogDir, problemJson, skippedJson } =
        await catalogModule();
      const loaded = loadCatalogDir(flags.dir);
      if (!out.json) {
        for (const problem of loaded.problems) process.stderr.write(`${formatProblem(problem)}\n`);
      }
      const document = {
        entities: loaded.entities.map(entityJson),
        skipped: loaded.skipped.map(skippedJson),
        problems: loaded.problems.map(problemJson),
      };
      out.emit(document, () => {
        if (loaded.entities.length === 0) return `No entities in ${flags.dir}.`;
        return renderTable(
          ["REF", "KIND", "TITLE", "OWNER", "SYSTEM"],
          byKind(loaded.entities, ENTITY_KINDS).map((entity) => [
            short(entity.ref),
            entity.kind,
            entity.title ?? entity.displayName ?? "",
            short(entity.owner ?? ""),
            short(entity.system ?? ""),
          ]),
          { maxWidth: 50 },
        );
      });
      refuseInvalid(loaded, flags.dir);
    });
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

/** Components, then Systems, then Groups, each by reference. */
function byKind(entities: readonly CatalogEntity[], kinds: readonly string[]): CatalogEntity[] {
  const rank = (entity: CatalogEntity) => kinds.indexOf(entity.kind);
  return [...entities].sort((a, b) => rank(a) - rank(b) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** `group:payments` for the default namespace. */
function short(ref: string): string {
  return ref.replace(/:default\//, ":");
}
