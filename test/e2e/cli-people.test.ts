/**
 * `incidentkit incidents assign|unassign|access|search|attach|attachments|detach|related|postmortem|context`,
 * `custom-fields show|options`, and `workflows list|show|runs`, run as processes against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { named } from "../../src/emulator/testing.js";
import { seedIncidents } from "./cli-fixtures.js";
import { type CliWorld, json, keyNamed, startCliWorld } from "./cli-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld((s) => {
    seedIncidents(s);
    const checkout = s.incidents[0];
    const search = s.incidents[1];
    if (!checkout || !search) throw new Error("the CLI fixtures changed");
    s.incident_relationships.push({
      id: "01HWRELATION0000000000000001",
      incident_ids: [checkout.id, search.id],
      created_at: "2024-04-30T12:00:00.000Z",
    });
    s.postmortem_documents.push({
      id: "01HWPOSTMORTEM00000000000001",
      incident_id: checkout.id,
      type: "in_app",
      title: "INC-1: Checkout down",
      status: "in_review",
      editor_user_ids: [named(s.users, "Ada Lovelace").id],
      exported_urls: [],
      markdown: "# INC-1: Checkout down\n\nThe payments deploy broke card payments.",
      created_at: "2024-05-01T10:00:00.000Z",
      updated_at: "2024-05-01T10:00:00.000Z",
    });
  });
});

afterAll(async () => {
  await w.close();
});

describe("roles and access", () => {
  it("assigns a role by name to a user by email, says who held it, and changes nothing the second time", async () => {
    const first = await w.cli([
      "incidents",
      "assign",
      "INC-1",
      "--role",
      "incident lead",
      "--user",
      "ada@example.com",
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("INC-1: Ada Lovelace <ada@example.com> is now Incident Lead.\n");
    const second = await w.cli([
      "--json",
      "incidents",
      "assign",
      "INC-1",
      "--role",
      "Incident Lead",
      "--user",
      "Grace Hopper",
    ]);
    expect(json(second)).toMatchObject({
      role: "Incident Lead",
      changed: true,
      assignee: { name: "Grace Hopper" },
      previous: { name: "Ada Lovelace" },
    });
    const again = await w.cli([
      "incidents",
      "assign",
      "INC-1",
      "--role",
      "Incident Lead",
      "--user",
      "grace@example.com",
    ]);
    expect(again.stdout).toContain("was already Incident Lead; nothing changed.");
    const off = await w.cli(["incidents", "unassign", "INC-1", "--role", "Incident Lead"]);
    expect(off.stdout).toBe("INC-1: Incident Lead is unassigned (was Grace Hopper <grace@example.com>).\n");
  });

  it("exits 2 for an unknown role or user, naming what to use", async () => {
    const role = await w.cli([
      "incidents",
      "assign",
      "INC-1",
      "--role",
      "Captain",
      "--user",
      "ada@example.com",
    ]);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("Incident Lead");
    const user = await w.cli([
      "--json",
      "incidents",
      "assign",
      "INC-1",
      "--role",
      "Comms",
      "--user",
      "nobody@example.com",
    ]);
    expect(user.code).toBe(2);
    expect(JSON.parse(user.stderr).error.code).toBe("invalid_argument");
  });

  it("grants and revokes access to a private incident, and refuses a public one", async () => {
    const declared = await w.cli([
      "--json",
      "incidents",
      "declare",
      "--name",
      "Token leak",
      "--type",
      "Security",
      "--severity",
      "Minor",
    ]);
    const reference = json<{ incident: { reference: string } }>(declared).incident.reference;
    const grant = await w.cli(["incidents", "access", "grant", reference, "--user", "grace@example.com"]);
    expect(grant.code, grant.stderr).toBe(0);
    expect(grant.stdout).toBe(`Grace Hopper <grace@example.com> can now see ${reference}.\n`);
    const revoke = await w.cli([
      "--json",
      "incidents",
      "access",
      "revoke",
      reference,
      "--user",
      "grace@example.com",
    ]);
    expect(json(revoke)).toMatchObject({ changed: true, user: { name: "Grace Hopper" } });
    const again = await w.cli(["incidents", "access", "revoke", reference, "--user", "grace@example.com"]);
    expect(again.stdout).toContain("was no member");
    const open = await w.cli(["incidents", "access", "grant", "INC-2", "--user", "grace@example.com"]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain("INC-2 is public");
  });
});

describe("search", () => {
  it("finds incidents by words of the name or summary, and says it read them all", async () => {
    const run = await w.cli(["incidents", "search", "CARD payments"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^REF\s+SEVERITY\s+STATUS\s+NAME/);
    expect(run.stdout).toMatch(/^INC-1\s+Critical\s+Investigating\s+Checkout down/m);
    expect(run.stdout).toMatch(/\n\nSearched every incident \(\d+\)\.\n$/);
    const none = await w.cli([
      "--json",
      "incidents",
      "search",
      "kubernetes",
      "--created-before",
      "2024-05-01",
    ]);
    expect(json(none)).toMatchObject({ incidents: [], stopped_at: "end", next_cursor: null, scanned: 3 });
  });

  it("stops at --limit with a cursor that carries on", async () => {
    // Only the seeded incidents: other tests here declare more.
    const seeded = ["--created-before", "2024-05-01"];
    const first = await w.cli(["--json", "incidents", "search", "o", "--limit", "1", ...seeded]);
    const page = json<{ incidents: { reference: string }[]; stopped_at: string; next_cursor: string }>(first);
    expect(page.stopped_at).toBe("matches");
    const rest = await w.cli([
      "--json",
      "incidents",
      "search",
      "o",
      "--limit",
      "5",
      "--after",
      page.next_cursor,
      ...seeded,
    ]);
    const more = json<{ incidents: { reference: string }[] }>(rest).incidents.map((i) => i.reference);
    expect([page.incidents[0]?.reference, ...more]).toEqual(["INC-1", "INC-2", "INC-3"]);
  });

  it("exits 2 for a bad --limit or --max-pages", async () => {
    expect((await w.cli(["incidents", "search", "x", "--limit", "0"])).code).toBe(2);
    expect((await w.cli(["incidents", "search", "x", "--max-pages", "41"])).code).toBe(2);
  });
});

describe("attachments, related incidents, post-mortem, context", () => {
  it("attaches a link once, lists it, and detaches it by its link", async () => {
    const url = "https://grafana.example.com/d/abc123/checkout";
    const attach = await w.cli(["incidents", "attach", "INC-2", url, "--title", "Checkout dashboard"]);
    expect(attach.code, attach.stderr).toBe(0);
    expect(attach.stdout).toMatch(/^Attached to INC-2: Checkout dashboard/);
    const again = await w.cli(["--json", "incidents", "attach", "INC-2", url]);
    expect(json(again)).toMatchObject({ created: false });
    const list = await w.cli(["incidents", "attachments", "INC-2"]);
    expect(list.stdout).toMatch(/^Checkout dashboard\s+arbitrary_url\s+https:\/\/grafana/m);
    const detach = await w.cli(["incidents", "detach", "INC-2", url]);
    expect(detach.stdout).toBe("Removed from INC-2: Checkout dashboard\n");
    expect((await w.cli(["incidents", "attachments", "INC-2"])).stdout).toBe(
      "Nothing is attached to INC-2.\n",
    );
    expect((await w.cli(["incidents", "attach", "INC-2", "not a link"])).code).toBe(2);
  });

  it("lists related incidents and shows the post-mortem with its content", async () => {
    const related = await w.cli(["incidents", "related", "INC-1"]);
    expect(related.stdout).toMatch(/^INC-2\s+Search slow$/m);
    const postmortem = await w.cli(["incidents", "postmortem", "INC-1"]);
    expect(postmortem.code, postmortem.stderr).toBe(0);
    expect(postmortem.stdout).toContain("INC-1: Checkout down  [in_review, in_app]");
    expect(postmortem.stdout).toContain("The payments deploy broke card payments.");
    const none = await w.cli(["incidents", "postmortem", "INC-2"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("INC-2 has no post-mortem");
  });

  it("puts related incidents and the post-mortem into the context", async () => {
    const context = await w.cli(["--json", "incidents", "context", "INC-1"]);
    expect(json(context)).toMatchObject({
      related_incidents: [{ reference: "INC-2", name: "Search slow" }],
      related_more: false,
      attachment_count: 0,
      postmortem: { title: "INC-1: Checkout down", status: "in_review" },
      unavailable: [],
    });
    const text = await w.cli(["incidents", "context", "INC-1"]);
    expect(text.stdout).toMatch(/Related incidents\n {2}INC-2 {2}Search slow/);
    expect(text.stdout).toContain("INC-1: Checkout down [in review]");
  });
});

describe("custom fields", () => {
  it("shows a field with its options, and adds, renames and removes one", async () => {
    const shown = await w.cli(["custom-fields", "show", "affected team"]);
    expect(shown.stdout).toMatch(/^Affected team {2}\[single_select\]/);
    expect(shown.stdout).toMatch(/^Payments\s+10\s+\S+$/m);
    const add = await w.cli(["custom-fields", "options", "add", "Affected team", "Data", "--sort-key", "5"]);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^Added "Data" to Affected team\.\n\nVALUE\s+SORT KEY\s+ID\nData\s+5\s/);
    const rename = await w.cli([
      "--json",
      "custom-fields",
      "options",
      "rename",
      "Affected team",
      "data",
      "Data Platform",
    ]);
    expect(json(rename)).toMatchObject({ changed: true, option: { value: "Data Platform", sort_key: 5 } });
    const remove = await w.cli(["custom-fields", "options", "remove", "Affected team", "Data Platform"]);
    expect(remove.stdout).toMatch(/^Removed "Data Platform" from Affected team\./);
    const again = await w.cli(["custom-fields", "options", "remove", "Affected team", "Data Platform"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("has no option");
    const text = await w.cli(["custom-fields", "options", "add", "Notes", "x"]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain("Affected team, Products");
    expect((await w.cli(["custom-fields", "options", "rename", "Products", "Web"])).code).toBe(2);
  });

  it("passes on incident.io's refusal of a key that may not change settings", async () => {
    const run = await w.cli(["--json", "custom-fields", "options", "add", "Products", "Watch"], {
      env: { INCIDENT_IO_API_KEY: keyNamed(w.snapshot, "Bot") },
    });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stderr).error.code).toBe("forbidden");
  });
});

describe("workflows", () => {
  it("says so when there are none, and exits 2 for an unknown one", async () => {
    expect((await w.cli(["workflows", "list"])).stdout).toBe("No workflows.\n");
    const unknown = await w.cli(["workflows", "show", "Nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no workflows");
  });
});
