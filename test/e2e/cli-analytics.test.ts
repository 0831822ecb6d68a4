import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MirroredIncident, upsertMirroredIncident } from "../../src/mirror/index.js";
import { openStore } from "../../src/store/index.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";
import { writeHubState } from "./hub-harness.js";

let world: CliWorld;
let config: string;

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api, title: Payments API }
spec: { type: service, lifecycle: production, owner: payments-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout, title: Checkout }
spec: { type: service, lifecycle: production, owner: payments-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search, title: Search }
spec: { type: service, lifecycle: production, owner: discovery }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments-team }
spec: { type: team, profile: { displayName: Payments } }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: discovery }
spec: { type: team }
`;

const HOUR = 3_600_000;
const SEVERITIES = {
  Critical: { id: "sev-critical", name: "Critical", rank: 3 },
  Major: { id: "sev-major", name: "Major", rank: 2 },
  Minor: { id: "sev-minor", name: "Minor", rank: 1 },
};

interface Made {
  n: number;
  created: string | number;
  hours: number | null;
  severity: keyof typeof SEVERITIES;
  services: string[];
  mode?: string;
  category?: string;
}

function incident(made: Made): MirroredIncident {
  const created = typeof made.created === "number" ? made.created : Date.parse(made.created);
  const resolved = made.hours === null ? null : new Date(created + made.hours * HOUR).toISOString();
  const category = made.category ?? (resolved ? "closed" : "live");
  return {
    id: `INC${made.n}`,
    account: "prod",
    reference: `INC-${made.n}`,
    name: `Incident ${made.n}`,
    summary: null,
    severity: SEVERITIES[made.severity],
    status: { id: `st-${category}`, name: category, category },
    type: null,
    mode: made.mode ?? "standard",
    visibility: "public",
    createdAt: new Date(created).toISOString(),
    updatedAt: resolved ?? new Date(created).toISOString(),
    resolvedAt: resolved,
    permalink: null,
    customFields: [
      { fieldId: "cf", fieldName: "Affected services", values: made.services.map((label) => ({ label })) },
    ],
  };
}

const INCIDENTS: Made[] = [
  { n: 1, created: "2025-01-10T00:00:00Z", hours: 2, severity: "Critical", services: ["Payments API"] },
  {
    n: 2,
    created: "2025-01-20T00:00:00Z",
    hours: 4,
    severity: "Major",
    services: ["Payments API", "Checkout"],
  },
  { n: 3, created: "2025-02-05T00:00:00Z", hours: 6, severity: "Major", services: ["Search"] },
  { n: 4, created: "2025-03-01T00:00:00Z", hours: null, severity: "Minor", services: ["Search"] },
  {
    n: 5,
    created: "2025-02-10T00:00:00Z",
    hours: 100,
    severity: "Major",
    services: ["Payments API"],
    mode: "test",
  },
  {
    n: 6,
    created: "2025-02-11T00:00:00Z",
    hours: null,
    severity: "Major",
    services: [],
    category: "declined",
  },
  { n: 7, created: Date.now() - 3 * 24 * HOUR, hours: 1, severity: "Critical", services: ["Checkout"] },
];

const WINDOW = ["--from", "2025-01-01", "--to", "2025-04-01"];

beforeAll(async () => {
  world = await startCliWorld();
  config = writeHubState(world, CATALOG, ["account: prod"]);
  const store = await openStore({ dataDir: join(world.home, "hub-data") });
  try {
    for (const made of INCIDENTS) {
      await upsertMirroredIncident(store.db, incident(made), {}, "2026-01-01T00:00:00.000Z");
    }
  } finally {
    await store.close();
  }
});

afterAll(() => world?.close());

/** The table's lines as cells split on runs of two or more spaces. */
function cells(stdout: string): string[][] {
  return stdout.split("\n").map((line) => line.trim().split(/\s{2,}/));
}

describe("analytics mttr", () => {
  it("prints a table by severity with priorities, the counts each figure rests on, and what was left out", async () => {
    const run = await world.cli(["analytics", "mttr", "--by", "severity", ...WINDOW, "--config", config]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "Time to resolve by severity, incidents created 2025-01-01 to 2025-04-01 (90 days)",
    );
    const table = cells(run.stdout);
    expect(table).toContainEqual(["SEVERITY", "PRIORITY", "MEAN", "MEDIAN", "P95", "RESOLVED", "OPEN"]);
    expect(table).toContainEqual(["Critical", "P0", "2h", "2h", "2h", "1", "0"]);
    expect(table).toContainEqual(["Major", "P1", "5h", "5h", "6h", "2", "0"]);
    expect(table).toContainEqual(["Minor", "P2", "-", "-", "-", "0", "1"]);
    expect(table).toContainEqual(["All", "4h", "4h", "6h", "3", "1"]);
    expect(run.stdout).toContain("2 incidents left out as test, tutorial, declined, merged or canceled.");
  });

  it("groups by the owning team through the catalog, an incident of two services once", async () => {
    const run = await world.cli(["analytics", "mttr", "--by", "team", ...WINDOW, "--config", config]);
    expect(run.code).toBe(0);
    const table = cells(run.stdout);
    expect(table).toContainEqual(["Payments", "3h", "3h", "4h", "2", "0"]);
    expect(table).toContainEqual(["discovery", "6h", "6h", "6h", "1", "1"]);
  });

  it("answers in JSON, by month with every month present, and with configured priorities", async () => {
    const byMonth = json<{
      mttr: { rows: Array<{ key: string; resolved: number; open: number; meanSeconds: number | null }> };
    }>(await world.cli(["--json", "analytics", "mttr", "--by", "month", ...WINDOW, "--config", config]));
    expect(byMonth.mttr.rows.map((r) => [r.key, r.resolved, r.open, r.meanSeconds])).toEqual([
      ["2025-01", 2, 0, 3 * 3600],
      ["2025-02", 1, 0, 6 * 3600],
      ["2025-03", 0, 1, null],
    ]);
    const recent = json<{
      mttr: { window: { from: string }; rows: Array<{ label: string; priority: string; mean: string }> };
    }>(
      await world.cli([
        "--json",
        "analytics",
        "mttr",
        "--since",
        "90d",
        "--priorities",
        "Critical=P1,Major=P2",
        "--config",
        config,
      ]),
    );
    expect(recent.mttr.rows).toEqual([
      expect.objectContaining({ label: "Critical", priority: "P1", mean: "1h" }),
    ]);
    expect(Date.now() - Date.parse(recent.mttr.window.from)).toBeGreaterThanOrEqual(90 * 24 * HOUR);
  });

  it("refuses a dimension or window it cannot read (exit 2)", async () => {
    const dimension = await world.cli(["analytics", "mttr", "--by", "colour", "--config", config]);
    expect(dimension.code).toBe(2);
    expect(dimension.stderr).toContain("--by must be one of severity, service, team, month, week");
    const since = await world.cli(["analytics", "mttr", "--since", "90", "--config", config]);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since: expected a duration like 30s, 15m, 2h, 1d or 2w; got "90"');
  });
});

describe("analytics counts", () => {
  it("prints incidents per month by severity, open ones too", async () => {
    const run = await world.cli(["analytics", "counts", "--by", "month", ...WINDOW, "--config", config]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const table = cells(run.stdout);
    expect(table).toContainEqual(["MONTH", "TOTAL", "OPEN", "Critical (P0)", "Major (P1)", "Minor (P2)"]);
    expect(table).toContainEqual(["2025-01", "2", "0", "1", "1", "0"]);
    expect(table).toContainEqual(["2025-02", "1", "0", "0", "1", "0"]);
    expect(table).toContainEqual(["2025-03", "1", "1", "0", "0", "1"]);
    expect(table).toContainEqual(["All", "4", "1", "1", "2", "1"]);
  });
});
