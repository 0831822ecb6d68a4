/** `incidentkit incidents list`: every filter as a flag, pages, human table and `--json`. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIncidents } from "./cli-fixtures.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld(seedIncidents);
});

afterAll(async () => {
  await w.close();
});

interface ListDocument {
  incidents: { reference: string; name: string; severity?: { name: string } }[];
  next_cursor: string | null;
  total: number | null;
}

const references = (args: string[]) =>
  w.cli(["--json", "incidents", "list", ...args]).then((run) => {
    expect(run.code, run.stderr).toBe(0);
    return json<ListDocument>(run).incidents.map((incident) => incident.reference);
  });

describe("incidentkit incidents list", () => {
  it("prints a table with severity and status names, newest first", async () => {
    const run = await w.cli(["incidents", "list", "--status-category", "live"]);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^REF\s+SEVERITY\s+STATUS\s+NAME\s+CREATED$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^INC-1\s+Critical\s+Investigating\s+Checkout down\s+\S+ ago$/);
    expect(rows[1]).toMatch(/^INC-2\s+Minor\s+Fixing\s+Search slow\s+\S+ ago$/);
    expect(run.stdout).not.toMatch(/01[0-9A-HJKMNP-TV-Z]{24}/);
  });

  it("turns each filter flag into the API's filter, names resolved", async () => {
    const results = await Promise.all([
      references(["--severity-gte", "major"]),
      references(["--severity", "Minor", "--severity", "Major"]),
      references(["--custom-field", "Affected team=Payments"]),
      references([
        "--created-after",
        "2024-04-25",
        "--created-before",
        "2024-04-30T23:00:00Z",
        "--mode",
        "test",
      ]),
      references(["--status-category", "closed", "--severity", "Critical", "--any"]),
      references(["--status", "Fixing", "--updated-before", "2024-04-21"]),
    ]);
    expect(results).toEqual([
      ["INC-1", "INC-3"],
      ["INC-2", "INC-3"],
      ["INC-1"],
      ["INC-4"],
      ["INC-1", "INC-3"],
      ["INC-2"],
    ]);
  });

  it("pages with --limit and --after, oldest first with --sort oldest, and reads every page with --all", async () => {
    const first = await w.cli(["--json", "incidents", "list", "--sort", "oldest", "--limit", "2"]);
    expect(first.code).toBe(0);
    const page = json<ListDocument>(first);
    expect(page.incidents.map((i) => i.reference)).toEqual(["INC-3", "INC-2"]);
    expect(page.next_cursor).toEqual(expect.any(String));
    expect(Object.keys(page).sort()).toEqual(["incidents", "next_cursor", "total"]);

    const [rest, all, human] = await Promise.all([
      w.cli([
        "--json",
        "incidents",
        "list",
        "--sort",
        "oldest",
        "--limit",
        "2",
        "--after",
        page.next_cursor ?? "",
      ]),
      references(["--all", "--limit", "1"]),
      w.cli(["incidents", "list", "--limit", "1"]),
    ]);
    expect(json<ListDocument>(rest).incidents.map((i) => i.reference)).toEqual(["INC-1"]);
    expect(json<ListDocument>(rest).next_cursor).toBeNull();
    expect(all).toEqual(["INC-1", "INC-2", "INC-3"]);
    expect(human.stdout).toMatch(/More: add --after \S+ for the next page/);
  });

  it("exits 2 for an unknown name or a bad value, listing what would do", async () => {
    const [severity, category, limit, date] = await Promise.all([
      w.cli(["incidents", "list", "--severity-gte", "Huge"]),
      w.cli(["--json", "incidents", "list", "--status-category", "burning"]),
      w.cli(["incidents", "list", "--limit", "0"]),
      w.cli(["incidents", "list", "--created-after", "last tuesday"]),
    ]);
    expect(severity.code).toBe(2);
    expect(severity.stderr).toContain('unknown severity "Huge"');
    expect(severity.stderr).toContain("hint: use one of: Minor, Major, Critical");
    expect(category.code).toBe(2);
    expect(category.stdout).toBe("");
    const error = JSON.parse(category.stderr).error;
    expect(error).toEqual({
      code: "invalid_argument",
      message: expect.stringContaining("burning"),
      hint: expect.stringContaining("live"),
      retryable: false,
    });
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain("--limit must be a whole number from 1 to 250");
    expect(date.code).toBe(2);
    expect(date.stderr).toContain("2024-05-01");
  });
});
