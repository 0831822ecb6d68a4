import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { IncidentKitError } from "../../../api/errors.js";
import type { BackstageEntity } from "../../../catalog/index.js";
import { globalsOf, outputFor } from "../client.js";
import { helpAfter } from "../flags.js";
import { catalogDirFor } from "./catalog-place.js";

/**
 * `catalog show <entity>`: one entity of the catalog with where its annotations point (source, GitHub, docs,
 * PagerDuty, Opsgenie). Registered under `catalog` by `registerCatalogCommand`.
 */
export function registerCatalogShow(catalog: CommandUnknownOpts, config: Config, defaultDir: string): void {
  catalog
    .command("show")
    .description(
      "One entity: its kind, owner, system, dependencies and links, and where its annotations point " +
        "(source, GitHub repository, docs, PagerDuty service, Opsgenie team).",
    )
    .argument("<entity>", "its reference (component:default/payments-api), name or title")
    .option(
      "--dir <folder>",
      `the catalog folder, read with its sub-folders (default: hub.yaml's here, else ./${defaultDir}, else the demo hub's)`,
    )
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit catalog show payments-api", "incidentkit catalog show group:payments --json"],
        "{ entity: { ref, kind, name, title, owner, system, depends_on, annotations, links, source, … }, annotation_links: [{ label, text, url, annotation }] }",
      ),
    )
    .action(async (wanted, flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const [{ entityJson, loadCatalogDir, parseRef, refKey }, { annotationLinks }] = await Promise.all([
        import("../../../catalog/index.js"),
        import("../../../catalog/annotation-links.js"),
      ]);
      const dir = await catalogDirFor(config, flags.dir);
      const loaded = loadCatalogDir(dir);
      const all: BackstageEntity[] = [...loaded.entities, ...loaded.others];
      const parsed = parseRef(wanted, { kind: "component", namespace: "default" });
      const byRef = parsed.ok ? all.filter((entity) => refKey(entity.ref) === refKey(parsed.ref)) : [];
      const entity = byRef[0] ?? findByName(all, wanted, dir);
      const links = annotationLinks(entity.annotations);
      out.emit({ entity: entityJson(entity), annotation_links: links }, () =>
        describe(entity, links).map(printable).join("\n"),
      );
    });
}

/** The one entity with this name, else with this title (any case); refused when none or several. */
function findByName(entities: readonly BackstageEntity[], wanted: string, dir: string): BackstageEntity {
  const key = wanted.trim().toLowerCase();
  for (const matches of [
    entities.filter((entity) => entity.name.toLowerCase() === key),
    entities.filter((entity) => entity.title?.toLowerCase() === key),
  ]) {
    const [first, ...rest] = matches;
    if (first !== undefined && rest.length === 0) return first;
    if (first !== undefined) {
      throw new IncidentKitError({
        code: "invalid_argument",
        message: `"${wanted}" names ${matches.length} entities: ${matches.map((entity) => entity.ref).join(", ")}`,
        hint: "give one of those references instead",
      });
    }
  }
  throw new IncidentKitError({
    code: "not_found",
    message: `no entity in ${dir} has the reference, name or title "${wanted}"`,
    hint: `incidentkit catalog list --dir ${dir} lists them`,
  });
}

function describe(
  entity: BackstageEntity,
  links: ReadonlyArray<{ label: string; text: string; url?: string }>,
): string[] {
  const rows: Array<[string, string]> = [
    ["Kind", [entity.kind, entity.type, entity.lifecycle].filter(Boolean).join(", ")],
    ["Title", entity.title ?? ""],
    ["Owner", entity.owner ?? ""],
    ["System", entity.system ?? ""],
    ["Depends on", entity.dependsOn.join(", ")],
    ...entity.links.map((link): [string, string] => [link.title ?? "Link", link.url]),
    ...links.map((link): [string, string] => [link.label, link.url ?? link.text]),
    ["Defined in", `${entity.source.file}:${entity.source.line}:${entity.source.column}`],
  ];
  const shown = rows.filter(([, value]) => value !== "");
  const width = Math.max(...shown.map(([label]) => label.length)) + 1;
  return [
    entity.ref,
    ...(entity.description ? [entity.description.trim()] : []),
    "",
    ...shown.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`),
  ];
}

/** A catalog's text on a terminal: its control characters (escape sequences among them) as spaces. */
function printable(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return line.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ");
}
