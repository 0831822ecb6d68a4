/** `incidentkit catalog push`: dry run, push, re-push, prune, flags, as a user runs them against the emulator. */
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliWorld, expectKeyHidden, json, startCliWorld } from "./cli-harness.js";

interface PushJson {
  dry_run: boolean;
  types: Array<{
    kind: string;
    name: string;
    type_name: string;
    action: string;
    entries: {
      create: string[];
      update: Array<{ external_id: string; changes: string[] }>;
      delete: string[];
      not_pruned: string[];
      unchanged: number;
    };
  }>;
  calls: { reads: number; writes: number };
}

let w: CliWorld;
let dir: string;

beforeAll(async () => {
  w = await startCliWorld();
  dir = join(w.home, "catalog");
  cpSync("examples/catalog", dir, { recursive: true });
});

afterAll(async () => {
  await w?.close();
});

const created = (doc: PushJson) => doc.types.reduce((sum, type) => sum + type.entries.create.length, 0);

describe("catalog push", () => {
  it("prints a dry run's diff and changes nothing; pushes; a second push only reads", async () => {
    const dry = await w.cli(["catalog", "push", "--dir", dir, "--dry-run"]);
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    const lines = dry.stdout.split("\n");
    expect(lines[0]).toBe("Dry run (sync ID incidentkit): nothing was changed in incident.io. A push would:");
    expect(lines).toContain(
      'Service (Custom["BackstageComponent"], Component): type to be created with 17 attributes',
    );
    expect(lines).toContain("  + component:default/payments-api");
    expect(dry.stdout).toMatch(/API calls: 1 reads, 0 writes\.\n$/);

    const push = await w.cli(["catalog", "push", "--dir", dir, "--json"]);
    expect(push.code).toBe(0);
    const pushed = json<PushJson>(push);
    expect(pushed.dry_run).toBe(false);
    expect(created(pushed)).toBe(28);
    expect(pushed.types.map((type) => type.name)).toEqual(["Service", "System", "Team", "API", "Resource"]);

    const again = await w.cli(["catalog", "push", "--dir", dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Service (Custom["BackstageComponent"], Component): type unchanged');
    expect(again.stdout).toContain("  0 created, 0 updated, 0 deleted, 12 unchanged");
    expect(again.stdout).toMatch(/API calls: \d+ reads, 0 writes\.\n$/);
    expectKeyHidden([dry, push, again], w.t.adminKey);
  });

  it("keeps entries whose entities were removed unless --prune", async () => {
    const smaller = join(w.home, "smaller");
    cpSync(dir, smaller, { recursive: true });
    rmSync(join(smaller, "identity.yaml"));
    const kept = json<PushJson>(await w.cli(["catalog", "push", "--dir", smaller, "--json"]));
    const notPruned = kept.types.flatMap((type) => type.entries.not_pruned);
    expect(notPruned.length).toBeGreaterThan(0);
    expect(kept.calls.writes).toBe(0);
    const dry = await w.cli(["catalog", "push", "--dir", smaller, "--prune", "--dry-run"]);
    for (const ref of notPruned) expect(dry.stdout).toContain(`  - ${ref}`);
    const pruned = json<PushJson>(await w.cli(["catalog", "push", "--dir", smaller, "--prune", "--json"]));
    expect(pruned.types.flatMap((type) => type.entries.delete).sort()).toEqual([...notPruned].sort());
    expect(pruned.calls.writes).toBe(notPruned.length);
  });

  it("refuses flags it cannot use, naming the fix", async () => {
    const kind = await w.cli(["catalog", "push", "--dir", dir, "--kinds", "component,location"]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain(
      '--kinds: "location" is not a kind catalog push pushes; give one of Component',
    );
    const name = await w.cli(["catalog", "push", "--dir", dir, "--name", "Team"]);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('--name takes kind=value, e.g. --name Group=Squad; got "Team"');
    const typeName = await w.cli(["catalog", "push", "--dir", dir, "--type-name", 'Group=Custom["a b"]']);
    expect(typeName.code).toBe(2);
    expect(typeName.stderr).toContain("a type name is letters, digits, _ and -");
    const missing = await w.cli(["catalog", "push", "--dir", join(w.home, "nowhere")]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("does not exist");
  });
});
