import type { Command } from "commander";
import { ConfigError } from "../../../api/errors.js";
import {
  type Catalog,
  type CatalogEntity,
  describeSummary,
  ENTITY_KINDS,
  entityJson,
  formatProblem,
  loadCatalogDir,
  problemJson,
  skippedJson,
  summarise,
  validationJson,
} from "../../../catalog/index.js";
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
    .action((flags: DirFlags, command: Command) => {
      const out = outputFor(config, globalsOf(command));
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
    .action((flags: DirFlags, command: Command) => {
      const out = outputFor(config, globalsOf(command));
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
          byKind(loaded.entities).map((entity) => [
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

/** After the output: a catalog with errors is a configuration problem (exit code 3). */
function refuseInvalid(loaded: Catalog, dir: string): void {
  if (loaded.valid) return;
  const errors = summarise(loaded).errors;
  throw new ConfigError(
    "catalog",
    `the catalog in ${dir} has ${errors} ${errors === 1 ? "error" : "errors"}`,
    "correct each file at the line named, then run incidentkit catalog validate again",
  );
}

/** Components, then Systems, then Groups, each by reference. */
function byKind(entities: readonly CatalogEntity[]): CatalogEntity[] {
  const rank = (entity: CatalogEntity) => ENTITY_KINDS.indexOf(entity.kind);
  return [...entities].sort((a, b) => rank(a) - rank(b) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** `group:payments` for the default namespace. */
function short(ref: string): string {
  return ref.replace(/:default\//, ":");
}
