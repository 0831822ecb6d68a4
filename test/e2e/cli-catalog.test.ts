/** `incidentkit catalog validate|list`: output, exit codes, `--json`, `--strict`, `--kind`. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";

let w: CliWorld;
let broken: string;
let warnOnly: string;

const TEAM =
  "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n";

beforeAll(async () => {
  w = await startCliWorld();
  broken = join(w.home, "broken");
  mkdirSync(join(broken, "teams"), { recursive: true });
  writeFileSync(join(broken, "teams", "payments.yml"), TEAM);
  writeFileSync(
    join(broken, "payments.yaml"),
    [
      "apiVersion: backstage.io/v1alpha1",
      "kind: Component",
      "metadata:",
      "  name: payments-api",
      "  annotations:",
      "    incidentkit.io/account: Prod!",
      "spec:",
      "  type: service",
      "  lifecycle: production",
      "  owner: group:paymnts",
      "",
    ].join("\n"),
  );
  writeFileSync(join(broken, "notes.txt"), "not a catalog file: ignored");
  warnOnly = join(w.home, "warn-only");
  mkdirSync(warnOnly);
  writeFileSync(
    join(warnOnly, "all.yaml"),
    `${TEAM}---\napiVersion: backstage.io/v1alpha1\nkind: Componet\nmetadata:\n  name: x\n`,
  );
  writeFileSync(join(warnOnly, "mkdocs.yml"), "site_name: Payments\nnav:\n  - Home: index.md\n");
});

afterAll(async () => {
  await w?.close();
});

describe("catalog validate", () => {
  it("passes the demo catalog with its summary", async () => {
    const run = await w.cli(["catalog", "validate", "--dir", "examples/catalog"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("28 entities: 12 Component, 6 System, 8 Group, 1 API, 1 Resource\n");
    expect(run.code).toBe(0);
  });

  it("prints each problem as file:line:column: field: message, then the summary, and exits 3", async () => {
    const run = await w.cli(["catalog", "validate", "--dir", broken]);
    const file = join(broken, "payments.yaml");
    expect(run.stdout).toBe(
      [
        `${file}:6:5: metadata.annotations["incidentkit.io/account"]: "Prod!" is not an account alias: use one listed by incidentkit accounts list (lower-case letters, digits, - and _)`,
        "1 entity: 0 Component, 0 System, 1 Group; skipped: 1 entity with an error; 1 error, 0 warnings",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toContain(`error: the catalog in ${broken} has 1 error`);
    expect(run.code).toBe(3);
  });

  it("passes with warnings only, a file that is not Backstage's counted; --strict fails on them", async () => {
    const run = await w.cli(["catalog", "validate", "--dir", warnOnly]);
    const warning = `all.yaml:9:1: warning: kind: unknown kind "Componet" (a plugin's own, or a misspelling), skipped; did you mean Component?`;
    expect(run.stdout).toContain(warning);
    expect(run.stdout).toContain(
      "1 entity: 0 Component, 0 System, 1 Group; skipped: 1 file not Backstage, 1 entity of an unknown kind; 0 errors, 1 warning\n",
    );
    expect(run.code).toBe(0);
    const strict = await w.cli(["catalog", "validate", "--dir", warnOnly, "--strict"]);
    expect(strict.stdout).toContain(warning.replace("warning: ", ""));
    expect(strict.stderr).toContain(`error: the catalog in ${warnOnly} has 1 error`);
    expect(strict.code).toBe(3);
  });

  it("reads one file, following its Location", async () => {
    const dir = join(w.home, "one-file");
    mkdirSync(join(dir, "teams"), { recursive: true });
    writeFileSync(join(dir, "teams", "payments.yaml"), TEAM);
    writeFileSync(
      join(dir, "catalog-info.yaml"),
      "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: teams\nspec:\n  targets: [./teams/*.yaml]\n",
    );
    const run = await w.cli(["catalog", "validate", "--dir", join(dir, "catalog-info.yaml")]);
    expect(run.stdout).toBe("2 entities: 0 Component, 0 System, 1 Group, 1 Location\n");
    expect(run.code).toBe(0);
  });

  it("gives the same as JSON, and the error as JSON on stderr", async () => {
    const run = await w.cli(["--json", "catalog", "validate", "--dir", broken]);
    const document = json<{
      valid: boolean;
      summary: Record<string, unknown>;
      problems: Record<string, unknown>[];
    }>(run);
    expect(document.valid).toBe(false);
    expect(document.summary).toEqual({
      entities: 1,
      by_kind: {
        Component: 0,
        System: 0,
        Group: 1,
        User: 0,
        API: 0,
        Resource: 0,
        Domain: 0,
        Location: 0,
        Template: 0,
      },
      skipped: { not_backstage_files: 0, template_skeleton_files: 0, unknown_kinds: 0, invalid: 1 },
      errors: 1,
      warnings: 0,
    });
    expect(document.problems[0]).toEqual({
      severity: "error",
      file: join(broken, "payments.yaml"),
      line: 6,
      column: 5,
      field: 'metadata.annotations["incidentkit.io/account"]',
      message:
        '"Prod!" is not an account alias: use one listed by incidentkit accounts list (lower-case letters, digits, - and _)',
    });
    expect(JSON.parse(run.stderr).error.code).toBe("config");
    expect(run.code).toBe(3);
  });

  it("exits 3 naming a folder that does not exist", async () => {
    const run = await w.cli(["catalog", "validate", "--dir", join(w.home, "nowhere")]);
    expect(run.stderr).toContain(`the catalog folder ${join(w.home, "nowhere")} does not exist`);
    expect(run.code).toBe(3);
  });
});

describe("catalog list", () => {
  it("lists the entities of every kind as a table and as JSON, with their relations", async () => {
    const [table, asJson] = await Promise.all([
      w.cli(["catalog", "list", "--dir", "examples/catalog"]),
      w.cli(["--json", "catalog", "list", "--dir", "examples/catalog"]),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^REF\s+KIND\s+TITLE\s+OWNER\s+SYSTEM\s+RELATIONS\n/);
    expect(table.stdout).toMatch(/^api:payments-public-api\s+API\s+group:payments\s+system:payments$/m);
    expect(table.stdout).toMatch(
      /^component:payments-api\s+Component\s+Payments API\s+group:payments\s+system:payments\s+dependsOn component:ledger, /m,
    );
    const entities = json<{ entities: Array<Record<string, unknown>> }>(asJson).entities;
    expect(entities).toHaveLength(28);
    expect(entities.find((entity) => entity.name === "checkout-web")).toMatchObject({
      ref: "component:default/checkout-web",
      title: "Checkout",
      owner: "group:default/storefront",
      depends_on: [
        "component:default/payments-api",
        "component:default/inventory",
        "component:default/auth-service",
      ],
    });
  });

  it("lists one kind", async () => {
    const run = await w.cli(["--json", "catalog", "list", "--dir", "examples/catalog", "--kind", "resource"]);
    const entities = json<{ entities: Array<Record<string, unknown>> }>(run).entities;
    expect(entities.map((entity) => entity.ref)).toEqual(["resource:default/kafka"]);
    expect(entities[0]?.relations).toEqual([
      { type: "ownedBy", target: "group:default/data" },
      { type: "partOf", target: "system:default/data" },
    ]);
    const wrong = await w.cli(["catalog", "list", "--dir", "examples/catalog", "--kind", "service"]);
    expect(wrong.stderr).toContain('"service" is not a Backstage kind');
    expect(wrong.code).toBe(3);
  });

  it("still lists what it could read of an invalid catalog, problems on stderr, exit 3", async () => {
    const run = await w.cli(["catalog", "list", "--dir", broken]);
    expect(run.stdout).toMatch(/^group:payments\s+Group/m);
    expect(run.stdout).not.toContain("payments-api");
    expect(run.stderr).toContain(`"Prod!" is not an account alias`);
    expect(run.code).toBe(3);
  });
});
