import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCatalogDir } from "./load.js";
import { formatProblem } from "./problem.js";
import { describeSummary, summarise } from "./summary.js";

/** Real catalogs from public repositories (sources, paths and commits in its README). */
const CORPUS = fileURLToPath(new URL("../../test/fixtures/catalog/", import.meta.url));
const README = readFileSync(join(CORPUS, "README.md"), "utf8");

const folders = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Every file of a folder, hidden ones included (they are in the corpus to show they are not read). */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** What each repository's folder reads as: the numbers are the corpus's, checked by hand against its files. */
const SUMMARIES: Record<string, string> = {
  backstage:
    "67 entities: 18 Component, 3 System, 8 Group, 17 User, 8 API, 1 Resource, 3 Domain, 9 Location; skipped: 3 entities of unknown kinds; 0 errors, 25 warnings",
  "backstage-demo":
    "4 entities: 1 Component, 0 System, 0 Group, 2 API, 1 Template; skipped: 7 files not Backstage, 6 entities of unknown kinds; 0 errors, 11 warnings",
  "ortelius-backstage":
    "3 entities: 2 Component, 0 System, 0 Group, 1 User; skipped: 18 files not Backstage; 0 errors, 4 warnings",
  "pagerduty-backstage-plugin": "1 entity: 1 Component, 0 System, 0 Group; 0 errors, 1 warning",
  "parasol-store": "2 entities: 1 Component, 0 System, 0 Group, 1 API; 0 errors, 4 warnings",
  "pd-backstage-demo":
    "20 entities: 2 Component, 1 System, 1 Group, 1 User, 1 API, 1 Location, 13 Template; skipped: 2 files not Backstage, 1 template skeleton; 0 errors, 2 warnings",
  "roadie-backstage-plugins":
    "31 entities: 28 Component, 0 System, 0 Group, 1 Location, 2 Template; skipped: 8 files not Backstage; 0 errors, 37 warnings",
};

describe("the corpus of real catalogs", () => {
  it("records where every file comes from", () => {
    expect(folders.sort()).toEqual(Object.keys(SUMMARIES).sort());
    for (const folder of folders) {
      expect(README, folder).toContain(`## \`${folder}/\``);
      const section = README.slice(README.indexOf(`## \`${folder}/\``)).split("\n## ")[0] ?? "";
      for (const file of filesOf(join(CORPUS, folder)))
        expect(section, `${folder}/${file}`).toContain(`\`${file}\``);
    }
  });

  it.each(folders)("%s: read as a catalog folder, warnings only", (folder) => {
    const catalog = loadCatalogDir(join(CORPUS, folder));
    expect(catalog.problems.filter((problem) => problem.severity === "error").map(formatProblem)).toEqual([]);
    expect(catalog.valid).toBe(true);
    expect(describeSummary(summarise(catalog))).toBe(SUMMARIES[folder]);
  });

  it.each(folders)("%s: each file read on its own has warnings only", (folder) => {
    const files = filesOf(join(CORPUS, folder)).filter(
      (file) => /\.ya?ml$/.test(file) && !file.split("/").some((part) => part.startsWith(".")),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const catalog = loadCatalogDir(join(CORPUS, folder, file));
      const errors = catalog.problems.filter((problem) => problem.severity === "error").map(formatProblem);
      expect(errors, file).toEqual([]);
    }
  });
});

describe("what the corpus shows", () => {
  it("Roadie's root file reaches every plugin through its glob Location, and says the other glob matches nothing", () => {
    const root = join(CORPUS, "roadie-backstage-plugins");
    const catalog = loadCatalogDir(join(root, "catalog-info.yaml"));
    const plugins = filesOf(join(root, "plugins")).filter((file) => file.endsWith("catalog-info.yaml"));
    expect(plugins).toHaveLength(21);
    expect(catalog.entities.map((entity) => entity.source.file).sort()).toEqual(
      [join(root, "catalog-info.yaml"), ...plugins.map((file) => join(root, "plugins", file))].sort(),
    );
    expect(catalog.problems.map(formatProblem)).toContain(
      `${join(root, "catalog-info.yaml")}:20:7: warning: spec.targets[1]: "./utils/**/catalog-info.yaml" matches no file (looked in ${root}); correct the path, or set spec.presence: optional`,
    );
  });

  it("Backstage's all.yaml leads, Location by Location, to the example entities; a GitHub URL is not followed", () => {
    const examples = join(CORPUS, "backstage/packages/catalog-model/examples");
    const all = loadCatalogDir(join(examples, "all.yaml"));
    expect(summarise(all).byKind).toMatchObject({
      Component: 13,
      API: 7,
      System: 3,
      Domain: 3,
      Resource: 1,
      Location: 7,
    });
    expect(all.skipped.map((entry) => `${entry.reason} ${entry.kind}`)).toEqual(
      Array(3).fill("unknown-kind AiResource"),
    );
    const org = loadCatalogDir(join(examples, "acme/org.yaml"));
    expect(summarise(org).byKind).toMatchObject({ Group: 8, User: 17 });
    expect(org.others.find((entity) => entity.ref === "user:development/guest")?.relations).toEqual([
      { type: "memberOf", target: "group:default/team-a" },
    ]);
    const remote = loadCatalogDir(join(examples, "acme-corp.yaml"));
    expect(remote.problems.map((problem) => problem.message)).toEqual([
      '"https://github.com/spotify/backstage/blob/master/packages/catalog-model/examples/acme/org.yaml" is not a local file, so it is not followed: incidentkit reads the files of one folder; copy that catalog in, or point catalog.dir at a clone of it',
    ]);
  });

  it("keeps references as written: an owner elsewhere, in another namespace, or an e-mail address", () => {
    const demo = loadCatalogDir(join(CORPUS, "backstage-demo/catalog-info.yaml"));
    expect(demo.entities[0]).toMatchObject({
      ref: "component:default/backstage-demo",
      owner: "group:backstage/maintainers",
    });
    expect(demo.others[0]?.relations).toEqual([{ type: "ownedBy", target: "group:backstage/maintainers" }]);
    const pd = loadCatalogDir(join(CORPUS, "pd-backstage-demo/catalog-info.yaml"));
    expect(pd.entities[0]?.owner).toBe("group:default/john@example.com");
  });

  it("skips a template's skeleton, not the template", () => {
    const pd = loadCatalogDir(join(CORPUS, "pd-backstage-demo/examples/template"));
    expect(pd.skipped).toEqual([
      {
        reason: "template-skeleton",
        kind: "Component",
        source: {
          file: join(CORPUS, "pd-backstage-demo/examples/template/content/catalog-info.yaml"),
          line: 1,
          column: 1,
        },
      },
    ]);
    // template.yaml holds two Templates; the eleven Rundeck jobs one each.
    expect(pd.others.filter((entity) => entity.kind === "Template")).toHaveLength(13);
  });
});
