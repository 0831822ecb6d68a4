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
  "list_follow_ups",
  "get_follow_up",
  "list_actions",
  "get_action",
  "who_is_on_call",
  "list_schedules",
  "get_schedule",
  "list_schedule_entries",
  "list_schedule_overrides",
  "list_escalation_paths",
  "get_escalation_path",
  "list_escalations",
  "get_escalation",
  "search_incidents",
  "list_users",
  "get_user",
  "list_incident_roles",
  "list_custom_fields",
  "get_custom_field",
  "list_incident_attachments",
  "list_related_incidents",
  "list_postmortems",
  "get_postmortem",
  "list_workflows",
  "get_workflow",
  "list_workflow_runs",
];
const WRITE_TOOLS = [
  "post_incident_update",
  "declare_incident",
  "edit_incident",
  "escalate_incident",
  "close_incident",
  "append_finding",
  "create_follow_up",
  "update_follow_up",
  "connect_follow_up_issue",
  "create_action",
  "update_action",
  "page",
  "create_schedule_override",
  "assign_role",
  "grant_incident_access",
  "create_custom_field_option",
  "update_custom_field_option",
  "attach_to_incident",
];
/** Writes that remove or stop something: repeating them changes nothing more, but they are not harmless. */
const DESTRUCTIVE_TOOLS = [
  "delete_schedule_override",
  "cancel_escalation",
  "unassign_role",
  "revoke_incident_access",
  "delete_custom_field_option",
  "remove_incident_attachment",
];

describe("the tool list", () => {
  it("offers exactly the tools listed here, each with a title, a description and an output schema", async () => {
    const { tools } = await f.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [...READ_TOOLS, ...WRITE_TOOLS, ...DESTRUCTIVE_TOOLS].sort(),
    );
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
    for (const name of DESTRUCTIVE_TOOLS) {
      expect(byName.get(name)?.annotations, name).toMatchObject({
        readOnlyHint: false,
        destructiveHint: true,
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
