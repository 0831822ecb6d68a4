/** `incidentkit catalog validate|list`: output, exit codes, `--json`. */
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
});

afterAll(async () => {
  await w?.close();
});

describe("catalog validate", () => {
  it("passes the demo catalog with its summary", async () => {
    const run = await w.cli(["catalog", "validate", "--dir", "examples/catalog"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("26 entities: 12 Component, 6 System, 8 Group; 2 skipped\n");
    expect(run.code).toBe(0);
  });

  it("prints each problem as file:line:column: field: message, then the summary, and exits 3", async () => {
    const run = await w.cli(["catalog", "validate", "--dir", broken]);
    const file = join(broken, "payments.yaml");
    expect(run.stdout).toBe(
      [
        `${file}:6:5: metadata.annotations["incidentkit.io/account"]: "Prod!" is not an account alias: use one listed by incidentkit accounts list (lower-case letters, digits, - and _)`,
        `${file}:10:3: spec.owner: "group:paymnts" is not an entity in the catalog; did you mean group:payments?`,
        "2 entities: 1 Component, 0 System, 1 Group; 0 skipped; 2 errors, 0 warnings",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toContain(`error: the catalog in ${broken} has 2 errors`);
    expect(run.code).toBe(3);
  });

  it("passes with warnings only", async () => {
    const run = await w.cli(["catalog", "validate", "--dir", warnOnly]);
    expect(run.stdout).toContain(
      `all.yaml:9:1: warning: kind: unknown kind "Componet", skipped; did you mean Component?`,
    );
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
      entities: 2,
      by_kind: { Component: 1, System: 0, Group: 1 },
      skipped: 0,
      errors: 2,
      warnings: 0,
    });
    expect(document.problems[1]).toEqual({
      severity: "error",
      file: join(broken, "payments.yaml"),
      line: 10,
      column: 3,
      field: "spec.owner",
      message: '"group:paymnts" is not an entity in the catalog; did you mean group:payments?',
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
  it("lists the entities as a table and as JSON", async () => {
    const [table, asJson] = await Promise.all([
      w.cli(["catalog", "list", "--dir", "examples/catalog"]),
      w.cli(["--json", "catalog", "list", "--dir", "examples/catalog"]),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^REF\s+KIND\s+TITLE\s+OWNER\s+SYSTEM\n/);
    expect(table.stdout).toMatch(
      /^component:payments-api\s+Component\s+Payments API\s+group:payments\s+system:payments$/m,
    );
    const entities = json<{ entities: Array<Record<string, unknown>> }>(asJson).entities;
    expect(entities).toHaveLength(26);
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

  it("still lists what it could read of an invalid catalog, problems on stderr, exit 3", async () => {
    const run = await w.cli(["catalog", "list", "--dir", broken]);
    expect(run.stdout).toMatch(/^component:payments-api\s+Component/m);
    expect(run.stderr).toContain(`spec.owner: "group:paymnts" is not an entity in the catalog`);
    expect(run.code).toBe(3);
  });
});
