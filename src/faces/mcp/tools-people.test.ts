/** The people, role, membership and custom field tools through an MCP client, on the test organisation. */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectTools,
  dataOf,
  sessionOn,
  startToolsFixture,
  type ToolCall,
  type ToolsFixture,
  textOf,
} from "./testing.js";

let f: ToolsFixture;
/** Tools on the admin key: memberships and option writes need more than the bot's roles. */
let admin: ToolCall;
let closeAdmin: () => Promise<void>;
beforeAll(async () => {
  f = await startToolsFixture();
  const connection = await connectTools(sessionOn(f.t, f.t.adminKey));
  closeAdmin = connection.close;
  admin = async (name, args = {}) =>
    (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
});
afterAll(async () => {
  await closeAdmin();
  await f.close();
});

async function declared(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const result = await admin("declare_incident", { name, severity: "Minor", ...extra });
  expect(result.isError, textOf(result)).toBeFalsy();
  return dataOf(result).incident.reference;
}

describe("users and roles", () => {
  it("lists users and finds one by part of an email, and shows one", async () => {
    const all = await f.call("list_users");
    expect(dataOf(all).users.map((u: { name: string }) => u.name)).toEqual(["Ada Lovelace", "Grace Hopper"]);
    const found = await f.call("list_users", { search: "grace" });
    expect(textOf(found)).toContain("Grace Hopper <grace@example.com>");
    const shown = await f.call("get_user", { user: "ADA@example.com" });
    expect(dataOf(shown).user).toMatchObject({ name: "Ada Lovelace", active: true, role: "Responder" });
    const unknown = await f.call("get_user", { user: "nobody@example.com" });
    expect(unknown.isError).toBe(true);
    expect(dataOf(unknown).error.code).toBe("invalid_argument");
  });

  it("lists incident roles with what each holder does", async () => {
    const result = await f.call("list_incident_roles");
    const roles = dataOf(result).roles as { name: string; instructions: string }[];
    expect(roles.map((r) => r.name)).toEqual(expect.arrayContaining(["Incident Lead", "Comms"]));
    expect(roles.find((r) => r.name === "Comms")?.instructions).toBe("Be the Comms");
  });
});

describe("assign_role and unassign_role", () => {
  it("makes someone lead by email, says who it was before, and changes nothing the second time", async () => {
    const incident = await declared("Lead me");
    const first = await f.call("assign_role", { incident, role: "incident lead", user: "ada@example.com" });
    expect(first.isError, textOf(first)).toBeFalsy();
    expect(dataOf(first)).toMatchObject({
      role: "Incident Lead",
      changed: true,
      assignee: { name: "Ada Lovelace" },
    });
    const second = await f.call("assign_role", { incident, role: "Incident Lead", user: "Grace Hopper" });
    expect(textOf(second)).toBe(
      `${incident}: Grace Hopper <grace@example.com> is now Incident Lead (was Ada Lovelace <ada@example.com>).`,
    );
    const again = await f.call("assign_role", { incident, role: "Incident Lead", user: "grace@example.com" });
    expect(dataOf(again).changed).toBe(false);
    expect(textOf(again)).toContain("nothing changed");

    const context = await f.call("get_incident_context", { incident });
    expect(dataOf(context).roles).toContainEqual({
      role: "Incident Lead",
      assignee: "Grace Hopper <grace@example.com>",
    });

    const off = await f.call("unassign_role", { incident, role: "Incident Lead" });
    expect(dataOf(off)).toMatchObject({ changed: true, previous: { name: "Grace Hopper" } });
    expect(dataOf(off).assignee).toBeUndefined();
    expect(dataOf(await f.call("unassign_role", { incident, role: "Incident Lead" })).changed).toBe(false);
  });

  it("answers an unknown role with isError and the roles to use", async () => {
    const incident = await declared("Typo");
    const result = await f.call("assign_role", { incident, role: "Captain", user: "ada@example.com" });
    expect(result.isError).toBe(true);
    expect(dataOf(result).error.hint).toContain("Incident Lead");
  });
});

describe("grant_incident_access and revoke_incident_access", () => {
  it("lets a user into a private incident and out again, each once", async () => {
    const incident = await declared("Secret", { type: "Security" });
    const granted = await admin("grant_incident_access", { incident, user: "grace@example.com" });
    expect(granted.isError, textOf(granted)).toBeFalsy();
    expect(dataOf(granted)).toMatchObject({ changed: true, user: { name: "Grace Hopper" } });
    expect(textOf(granted)).toBe(`Grace Hopper <grace@example.com> can now see ${incident}.`);
    const revoked = await admin("revoke_incident_access", { incident, user: "grace@example.com" });
    expect(dataOf(revoked).changed).toBe(true);
    const again = await admin("revoke_incident_access", { incident, user: "grace@example.com" });
    expect(dataOf(again).changed).toBe(false);
  });

  it("refuses a public incident with a hint", async () => {
    const incident = await declared("Public");
    const result = await admin("grant_incident_access", { incident, user: "ada@example.com" });
    expect(result.isError).toBe(true);
    expect(dataOf(result).error).toMatchObject({ code: "invalid_argument" });
    expect(dataOf(result).error.hint).toMatch(/private/);
  });

  it("answers not_found to a key that cannot see the private incident", async () => {
    const incident = await declared("Bot cannot", { type: "Security" });
    const result = await f.call("grant_incident_access", { incident, user: "ada@example.com" });
    expect(result.isError).toBe(true);
    expect(dataOf(result).error.code).toBe("not_found");
  });
});

describe("custom fields and their options", () => {
  it("lists fields with their options, and shows one", async () => {
    const listed = dataOf(await f.call("list_custom_fields")).custom_fields as {
      name: string;
      catalog_backed: boolean;
      options: { value: string }[];
    }[];
    const team = listed.find((field) => field.name === "Affected team");
    expect(team?.options.map((o) => o.value)).toEqual(["Payments", "Platform", "Mobile"]);
    expect(listed.find((field) => field.name === "Service")?.catalog_backed).toBe(true);
    const shown = await f.call("get_custom_field", { field: "products" });
    expect(textOf(shown)).toContain("Products [multi_select]");
  });

  it("adds, renames and deletes an option, each safe to repeat", async () => {
    const added = await admin("create_custom_field_option", {
      field: "Products",
      value: "Watch",
      sort_key: 5,
    });
    expect(added.isError, textOf(added)).toBeFalsy();
    expect(dataOf(added)).toMatchObject({ changed: true, option: { value: "Watch", sort_key: 5 } });
    expect(dataOf(added).custom_field.options[0].value).toBe("Watch");
    expect(
      dataOf(await admin("create_custom_field_option", { field: "Products", value: "watch" })).changed,
    ).toBe(false);

    const renamed = await admin("update_custom_field_option", {
      field: "Products",
      option: "Watch",
      new_value: "Wearables",
    });
    expect(dataOf(renamed)).toMatchObject({ changed: true, option: { value: "Wearables", sort_key: 5 } });

    const deleted = await admin("delete_custom_field_option", { field: "Products", option: "wearables" });
    expect(dataOf(deleted)).toMatchObject({ changed: true, option: { value: "Wearables" } });
    const gone = await admin("delete_custom_field_option", { field: "Products", option: "Wearables" });
    expect(dataOf(gone).changed).toBe(false);
    expect(textOf(gone)).toContain("Its options: Web, App");
  });

  it("refuses options on a field that has none, naming the select fields", async () => {
    const result = await admin("create_custom_field_option", { field: "Notes", value: "x" });
    expect(result.isError).toBe(true);
    expect(dataOf(result).error.hint).toBe("use one of: Affected team, Products");
  });
});
