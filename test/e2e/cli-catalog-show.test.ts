/** `incidentkit catalog show`: one entity with where its annotations point, as text and `--json`, and exit codes. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLUG_CATALOG } from "../../src/investigate/changes/testing.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";

let w: CliWorld;
let dir: string;

beforeAll(async () => {
  w = await startCliWorld();
  dir = join(w.home, "catalog");
  mkdirSync(dir);
  writeFileSync(
    join(dir, "catalog-info.yaml"),
    SLUG_CATALOG.replace(
      "    lighthouse.com/website-url: https://backstage.io\n",
      [
        "    lighthouse.com/website-url: https://backstage.io",
        "    backstage.io/source-location: url:https://github.com/backstage/backstage/tree/master/",
        "    pagerduty.com/integration-key: a1b2c3d4e5f60718293a4b5c6d7e8f90",
        '    opsgenie.com/team: "core\\u001b[2Jteam"',
        "",
      ].join("\n"),
    ),
  );
});

afterAll(async () => {
  await w?.close();
});

describe("catalog show", () => {
  it("shows an entity found by name, with its annotations as links, never a terminal escape or a key", async () => {
    const run = await w.cli(["catalog", "show", "Backstage-Existing", "--dir", dir]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^component:default\/backstage-existing\n/);
    expect(run.stdout).toMatch(/^Kind: +Component, library, production$/m);
    expect(run.stdout).toMatch(/^Source: +https:\/\/github\.com\/backstage\/backstage\/tree\/master\/$/m);
    expect(run.stdout).toMatch(/^GitHub: +https:\/\/github\.com\/backstage\/backstage$/m);
    expect(run.stdout).toMatch(/^Docs: +https:\/\/github\.com\/backstage\/backstage\/tree\/master\/$/m);
    expect(run.stdout).toMatch(/^Opsgenie team: +core \[2Jteam$/m);
    expect(run.stdout).not.toContain("\u001b");
    expect(run.stdout).not.toContain("a1b2c3d4e5f6");
  });

  it("gives the entity and its annotation links as JSON, by reference", async () => {
    const run = await w.cli(["--json", "catalog", "show", "component:ledger", "--dir", dir]);
    expect(run.code).toBe(0);
    const shown = json<{ entity: { ref: string }; annotation_links: unknown[] }>(run);
    expect(shown.entity.ref).toBe("component:default/ledger");
    expect(shown.annotation_links).toEqual([
      {
        label: "GitHub",
        text: "Acme/ledger-service",
        url: "https://github.com/Acme/ledger-service",
        annotation: "github.com/project-slug",
      },
    ]);
  });

  it("exits 4 for an entity the catalog does not have, and 2 for a title several have", async () => {
    const missing = await w.cli(["catalog", "show", "nothing-here", "--dir", dir]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain(`no entity in ${dir} has the reference, name or title "nothing-here"`);
    writeFileSync(
      join(dir, "twins.yaml"),
      [1, 2]
        .map(
          (n) =>
            `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: twin-${n}, title: Twin }\nspec: { type: service, lifecycle: production, owner: group:payments }\n`,
        )
        .join("---\n"),
    );
    const ambiguous = await w.cli(["catalog", "show", "twin", "--dir", dir]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      '"twin" names 2 entities: component:default/twin-1, component:default/twin-2',
    );
  });
});
