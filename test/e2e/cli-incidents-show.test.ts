/** `incidentkit incidents show|context` and `updates list`: one incident by any kind of reference. */
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

describe("incidentkit incidents show", () => {
  it("shows an incident by URL with names, custom fields, summary and permalink", async () => {
    const url = `https://app.incident.io/${w.snapshot.organisation.slug}/incidents/1`;
    const run = await w.cli(["incidents", "show", url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^INC-1 {2}Checkout down$/m);
    expect(run.stdout).toMatch(/^Status:\s+Investigating \(live\)$/m);
    expect(run.stdout).toMatch(/^Severity:\s+Critical$/m);
    expect(run.stdout).toMatch(/^Affected team:\s+Payments$/m);
    expect(run.stdout).toMatch(/^Created:\s+\S+ ago \(2024-04-30T10:00:00\.000Z\)$/m);
    expect(run.stdout).toMatch(new RegExp(`^Link:\\s+${url.replace(/[.]/g, "\\.")}$`, "m"));
    expect(run.stdout).toContain("Card payments fail at checkout.");
  });

  it("prints { incident } with --json, by ID or by number", async () => {
    const id = w.t.emulator.incidents().find((incident) => incident.number === 2)?.id ?? "";
    const [byId, byNumber] = await Promise.all([
      w.cli(["--json", "incidents", "show", id]),
      w.cli(["incidents", "show", "2", "--json"]),
    ]);
    expect(byId.code).toBe(0);
    const document = json<{ incident: Record<string, unknown> }>(byId);
    expect(Object.keys(document)).toEqual(["incident"]);
    expect(document.incident).toMatchObject({
      id,
      reference: "INC-2",
      name: "Search slow",
      severity: { name: "Minor" },
      incident_status: { name: "Fixing", category: "live" },
    });
    expect(json(byNumber)).toEqual(document);
  });

  it("exits 2 for a missing or unreadable reference, and 4 for an incident that does not exist", async () => {
    const [bad, foreign, missing, missingJson, noRef] = await Promise.all([
      w.cli(["incidents", "show", "checkout"]),
      w.cli(["incidents", "show", "https://incident.io.evil.example/incidents/1"]),
      w.cli(["incidents", "show", "INC-999"]),
      w.cli(["--json", "incidents", "show", "INC-999"]),
      w.cli(["--json", "incidents", "show"]),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"checkout" is not an incident reference');
    expect(bad.stderr).toMatch(/hint: .*INC-123/);
    expect(foreign.code).toBe(2);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/404/);
    expect(missing.stdout).toBe("");
    expect(missingJson.code).toBe(4);
    expect(JSON.parse(missingJson.stderr)).toEqual({
      error: {
        code: "not_found",
        message: expect.stringContaining("404"),
        hint: expect.any(String),
        retryable: false,
      },
    });
    expect(noRef.code).toBe(2);
    expect(noRef.stdout).toBe("");
    expect(JSON.parse(noRef.stderr).error).toMatchObject({
      code: "usage",
      message: expect.stringContaining("ref"),
    });
  });
});

describe("incidentkit incidents context", () => {
  it("puts details, roles and updates together, and the same as JSON", async () => {
    const [human, machine] = await Promise.all([
      w.cli(["incidents", "context", "INC-1"]),
      w.cli(["--json", "incidents", "context", "INC-1"]),
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ {2}Comms:\s+Ada Lovelace/m);
    expect(human.stdout).toMatch(/^Updates \(1\)$/m);
    expect(human.stdout).toMatch(
      /Investigating\s+Critical\s+Grace Hopper\s+Rolled back the payments deploy\./,
    );
    const context = json(machine);
    expect(Object.keys(context).sort()).toEqual([
      "attachment_count",
      "attachments",
      "custom_fields",
      "incident",
      "permalink",
      "postmortem",
      "related_incidents",
      "related_more",
      "roles",
      "timestamps",
      "unavailable",
      "updates",
    ]);
    expect(context).toMatchObject({
      incident: { reference: "INC-1" },
      custom_fields: expect.arrayContaining([{ name: "Affected team", values: ["Payments"] }]),
      roles: expect.arrayContaining([expect.objectContaining({ role: "Comms" })]),
      updates: [expect.objectContaining({ message: "Rolled back the payments deploy." })],
      permalink: expect.stringMatching(/\/incidents\/1$/),
    });
  });
});

describe("incidentkit updates list", () => {
  it("lists an incident's updates as a table and as { updates, next_cursor }", async () => {
    const [human, machine, none] = await Promise.all([
      w.cli(["updates", "list", "INC-1"]),
      w.cli(["--json", "updates", "list", "INC-1"]),
      w.cli(["updates", "list", "INC-3"]),
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^WHEN\s+STATUS\s+SEVERITY\s+BY\s+MESSAGE$/m);
    expect(human.stdout).toMatch(/ago\s+Investigating\s+Critical\s+Grace Hopper\s+Rolled back/);
    expect(json(machine)).toEqual({
      updates: [expect.objectContaining({ message: "Rolled back the payments deploy." })],
      next_cursor: null,
    });
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("No updates yet.\n");
  });
});
