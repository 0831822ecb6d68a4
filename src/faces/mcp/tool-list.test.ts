import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTools, sessionOn, startToolsFixture, type ToolsFixture } from "./testing.js";

let f: ToolsFixture;
beforeAll(async () => {
  f = await startToolsFixture();
});
afterAll(() => f.close());

const READ_TOOLS = [
  "list_incidents",
  "get_incident",
  "get_incident_context",
  "list_incident_updates",
  "list_severities",
  "list_incident_statuses",
  "list_incident_types",
];
const WRITE_TOOLS = [
  "post_incident_update",
  "declare_incident",
  "edit_incident",
  "escalate_incident",
  "close_incident",
  "append_finding",
];

describe("the tool list", () => {
  it("offers exactly the 13 tools, each with a title, a description and an output schema", async () => {
    const { tools } = await f.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...READ_TOOLS, ...WRITE_TOOLS].sort());
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.outputSchema?.type, tool.name).toBe("object");
      expect(tool.outputSchema?.properties, tool.name).toHaveProperty("error");
    }
  });

  it("offers the read tools alone when read-only, and says so", async () => {
    const readOnly = await connectTools(sessionOn(f.t, f.t.adminKey), { readOnly: true });
    try {
      const { tools } = await readOnly.client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([...READ_TOOLS].sort());
      for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      expect(readOnly.client.getInstructions()).toContain(
        "Read-only: this server offers no tool that changes anything.",
      );
      const refused = await readOnly.client.callTool({
        name: "declare_incident",
        arguments: { name: "Nope" },
      });
      expect(refused.isError).toBe(true);
    } finally {
      await readOnly.close();
    }
  });

  it("marks reads read-only and writes as non-destructive, idempotent writes", async () => {
    const { tools } = await f.client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    for (const name of READ_TOOLS) {
      expect(byName.get(name)?.annotations, name).toMatchObject({ readOnlyHint: true });
    }
    for (const name of WRITE_TOOLS) {
      expect(byName.get(name)?.annotations, name).toMatchObject({
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
      });
    }
  });

  it("describes parameters so an agent can fill them in: references, names or IDs, enums, dates", async () => {
    const { tools } = await f.client.listTools();
    const input = (name: string) => {
      const tool = tools.find((candidate) => candidate.name === name);
      return (tool?.inputSchema.properties ?? {}) as Record<
        string,
        { description?: string; [k: string]: unknown }
      >;
    };
    const list = input("list_incidents");
    expect(JSON.stringify(list.status_category)).toContain('"live"');
    expect(JSON.stringify(list.status_category)).toContain('"learning"');
    expect(JSON.stringify(list.mode)).toContain('"retrospective"');
    expect(list.sort?.enum).toEqual(["newest", "oldest"]);
    expect(list.created_after?.description).toMatch(/YYYY-MM-DD/);
    expect(list.after?.description).toMatch(/next_cursor/);

    expect(input("get_incident").incident?.description).toMatch(/INC-123/);
    expect(input("get_incident").incident?.description).toMatch(/URL/);
    expect(input("escalate_incident").severity?.description).toMatch(/name .*"Major".* or ID/);
    expect(input("declare_incident").idempotency_key?.description).toMatch(/never duplicates/);
    const declareRequired = tools.find((tool) => tool.name === "declare_incident")?.inputSchema.required;
    expect(declareRequired).toEqual(["name"]);
  });
});
