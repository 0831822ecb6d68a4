/** The CLI's writes: declare (idempotent), edit, escalate, close, append-finding and updates post. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIncidents } from "./cli-fixtures.js";
import { type CliWorld, json, keyNamed, startCliWorld } from "./cli-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld(seedIncidents);
});

afterAll(async () => {
  await w.close();
});

interface IncidentDocument {
  incident: {
    id: string;
    reference: string;
    name: string;
    summary?: string;
    visibility: string;
    mode: string;
    created_at: string;
    severity?: { name: string };
    incident_status: { name: string; category: string };
    custom_field_entries: {
      custom_field: { name: string };
      values: { value_option?: { value: string } }[];
    }[];
  };
}

const stored = (reference: string) => w.t.emulator.incidents().find((i) => `INC-${i.number}` === reference);

describe("incidentkit incidents declare", () => {
  it("opens one incident for the same input given twice, and says which", async () => {
    const args = [
      "incidents",
      "declare",
      "--name",
      "Queue backlog",
      "--severity",
      "major",
      "--summary",
      "Jobs wait",
    ];
    const before = w.t.emulator.incidents().length;
    const human = await w.cli(args);
    // Straight after: the second run is told found from what was there before it, not from the time.
    const again = await w.cli(["--json", ...args]);
    const text = await w.cli(args);
    expect(human.code).toBe(0);
    expect(again.code).toBe(0);
    const document = json<IncidentDocument & { idempotency_key: string; created: boolean }>(again);
    expect(Object.keys(document).sort()).toEqual(["created", "idempotency_key", "incident"]);
    expect(document.created).toBe(false);
    expect(human.stdout).toContain(`Incident declared: ${document.incident.reference}`);
    expect(text.stdout).toContain(
      `Already declared: ${document.incident.reference} (investigating since ${document.incident.created_at.slice(0, 10)}`,
    );
    expect(human.stdout).toMatch(/^Severity:\s+Major$/m);
    expect(human.stdout).toContain(`Idempotency key: ${document.idempotency_key}`);
    expect(human.stdout).toMatch(/^Link:\s+https:\/\/app\.incident\.io\/\S+\/incidents\/\d+$/m);
    expect(w.t.emulator.incidents().length).toBe(before + 1);
    expect(document.incident).toMatchObject({
      name: "Queue backlog",
      summary: "Jobs wait",
      mode: "standard",
    });
  });

  it("sets type, mode, visibility and custom fields by name", async () => {
    const run = await w.cli([
      "--json",
      "incidents",
      "declare",
      "--name",
      "Token leaked",
      "--type",
      "Security",
      "--private",
      "--mode",
      "test",
      "--severity",
      "Critical",
      "--custom-field",
      "Affected team=Platform",
      "--idempotency-key",
      "leak-1",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const { incident, idempotency_key } = json<IncidentDocument & { idempotency_key: string }>(run);
    expect(idempotency_key).toBe("leak-1");
    expect(incident).toMatchObject({ visibility: "private", mode: "test", severity: { name: "Critical" } });
    expect(incident.custom_field_entries).toEqual([
      expect.objectContaining({
        custom_field: expect.objectContaining({ name: "Affected team" }),
        values: [expect.objectContaining({ value_option: expect.objectContaining({ value: "Platform" }) })],
      }),
    ]);
  });

  it("exits 2 naming the severities for an unknown one, and 3 when the key may not write", async () => {
    const [unknown, viewer] = await Promise.all([
      w.cli(["incidents", "declare", "--name", "X", "--severity", "Apocalyptic"]),
      w.cli(["incidents", "declare", "--name", "X", "--severity", "Minor"], {
        env: { INCIDENT_IO_API_KEY: keyNamed(w.snapshot, "Viewer") },
      }),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown severity "Apocalyptic"');
    expect(unknown.stderr).toContain("hint: use one of: Minor, Major, Critical");
    expect(viewer.code).toBe(3);
    expect(viewer.stderr).toMatch(/403/);
    expect(viewer.stderr).toMatch(/hint: the API key lacks/);
  });
});

describe("incidentkit incidents edit, escalate and close", () => {
  it("edits only the fields given, and refuses an edit with nothing in it", async () => {
    const [edited, nothing] = await Promise.all([
      w.cli([
        "--json",
        "incidents",
        "edit",
        "INC-2",
        "--summary",
        "Index rebuilt",
        "--custom-field",
        "Products=Web",
        "--custom-field",
        "Products=App",
      ]),
      w.cli(["incidents", "edit", "INC-2"]),
    ]);
    expect(edited.code, edited.stderr).toBe(0);
    const { incident } = json<IncidentDocument>(edited);
    expect(incident).toMatchObject({
      name: "Search slow",
      summary: "Index rebuilt",
      severity: { name: "Minor" },
    });
    const products = incident.custom_field_entries.find((entry) => entry.custom_field.name === "Products");
    expect(products?.values.map((value) => value.value_option?.value)).toEqual(["Web", "App"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("nothing to change");
  });

  it("escalates up and down by name, saying from what to what", async () => {
    const up = await w.cli(["--json", "incidents", "escalate", "INC-2", "Critical"]);
    expect(up.code).toBe(0);
    expect(json(up)).toMatchObject({
      incident: { reference: "INC-2", severity: { name: "Critical" } },
      from: { name: "Minor" },
      to: { name: "Critical" },
    });
    const down = await w.cli(["incidents", "escalate", "INC-2", "major"]);
    expect(down.stdout).toBe("INC-2: severity Critical → Major\n");
    expect(stored("INC-2")?.severity_id).toBe(w.snapshot.severities.find((s) => s.name === "Major")?.id);
  });

  it("closes to the first closed status, with a message", async () => {
    const run = await w.cli(["incidents", "close", "INC-2", "--message", "Index healthy again"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("Closed INC-2 (status: Closed)\n");
    const closed = w.snapshot.incident_statuses.find((status) => status.name === "Closed");
    expect(stored("INC-2")?.incident_status_id).toBe(closed?.id);
  });
});

describe("incidentkit incidents close with the account's configured closed status", () => {
  it("moves to the status the accounts file names", async () => {
    const configFile = join(w.home, "closed-status.json");
    writeFileSync(
      configFile,
      JSON.stringify({
        defaultAccount: "ops",
        accounts: { ops: { apiKey: w.t.adminKey, baseUrl: w.t.url, closedStatus: "post-incident" } },
      }),
    );
    const env = { INCIDENTKIT_CONFIG: configFile, INCIDENT_IO_API_KEY: "" };
    const declared = await w.cli(
      ["--json", "incidents", "declare", "--name", "Queue backlog", "--severity", "Minor"],
      { env },
    );
    const { reference } = JSON.parse(declared.stdout).incident;
    const run = await w.cli(["incidents", "close", reference], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`Closed ${reference} (status: Post-incident)\n`);
    const configured = w.snapshot.incident_statuses.find((status) => status.name === "Post-incident");
    expect(stored(reference)?.incident_status_id).toBe(configured?.id);
  });
});

describe("incidentkit incidents append-finding", () => {
  it("appends a finding from stdin once, skips it the second time, and reads --body-file", async () => {
    const finding = "p99 latency rose right after deploy 4f2a.";
    const first = await w.cli(["incidents", "append-finding", "INC-1", "--title", "Probable cause"], {
      input: finding,
    });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("Appended the finding to INC-1's summary.\n");
    const again = await w.cli(
      ["--json", "incidents", "append-finding", "INC-1", "--title", "Probable cause"],
      {
        input: finding,
      },
    );
    const document = json<IncidentDocument & { appended: boolean; attempts: number }>(again);
    expect(document.appended).toBe(false);
    expect(document.attempts).toEqual(expect.any(Number));
    expect(document.incident.summary).toContain("Card payments fail at checkout.");
    expect(document.incident.summary?.split(finding)).toHaveLength(2);

    const file = join(w.home, "finding.md");
    writeFileSync(file, "Connection pool at 100%.");
    const [fromFile, empty] = await Promise.all([
      w.cli(["incidents", "append-finding", "INC-1", "--body-file", file, "--source", "runbook-bot"]),
      w.cli(["incidents", "append-finding", "INC-1"]),
    ]);
    expect(fromFile.code).toBe(0);
    expect(stored("INC-1")?.summary).toContain("Connection pool at 100%.");
    expect(stored("INC-1")?.summary).toContain("runbook-bot");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("the finding is empty");
  });
});

describe("incidentkit updates post", () => {
  it("posts an update once for the same input, moving the status", async () => {
    const args = ["--json", "updates", "post", "INC-1", "--message", "Fix deployed", "--status", "Fixing"];
    const first = await w.cli(args);
    const again = await w.cli(args);
    expect(first.code, first.stderr).toBe(0);
    const document = json<{ update: { id: string; message: string; new_incident_status: { name: string } } }>(
      first,
    );
    expect(document).toEqual({
      update: expect.objectContaining({
        message: "Fix deployed",
        new_incident_status: expect.objectContaining({ name: "Fixing" }),
      }),
      idempotency_key: expect.any(String),
      created: true,
    });
    expect(json<typeof document>(again)).toMatchObject({
      update: { id: document.update.id },
      created: false,
    });
    const human = await w.cli(["updates", "post", "INC-1", "--message", "Watching", "--severity", "Major"]);
    expect(human.stdout).toBe("Update posted (status Fixing, severity Major).\n");
  });
});
