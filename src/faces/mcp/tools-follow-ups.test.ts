import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { demoSnapshot } from "../../emulator/seed/index.js";
import { connectTools, dataOf, sessionOn, textOf } from "./testing.js";

/** The follow-up and action tools through the MCP SDK client, against the demo organisation. */

const snapshot = demoSnapshot({ now: Date.now(), seed: 2 });
const incidents = new Map(snapshot.incidents.map((incident) => [incident.id, incident]));
const standard = snapshot.follow_ups.filter((f) => {
  const mode = incidents.get(f.incident_id)?.mode;
  return mode === "standard" || mode === "retrospective";
});
const liveStatuses = new Set(
  snapshot.incident_statuses.filter((s) => s.category === "live").map((s) => s.id),
);
const live = snapshot.incidents.find((i) => i.mode === "standard" && liveStatuses.has(i.incident_status_id));

let t: TestEmulator;
const closers: (() => Promise<void>)[] = [];
let call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot });
  const connection = await connectTools(sessionOn(t, t.adminKey));
  closers.push(connection.close);
  call = async (name, args = {}) =>
    (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
});

afterAll(async () => {
  for (const close of closers) await close();
  await t.close();
});

describe("follow-up tools", () => {
  it("list_follow_ups answers what is still open, with incidents by reference and the total", async () => {
    const result = await call("list_follow_ups", { status: ["outstanding"], limit: 10 });
    expect(result.isError).toBeFalsy();
    const data = dataOf(result);
    const open = standard.filter((f) => f.status === "outstanding");
    expect(data.total).toBe(open.length);
    expect(data.follow_ups).toHaveLength(10);
    for (const f of data.follow_ups) {
      expect(f.status).toBe("outstanding");
      expect(f.incident).toBe(`INC-${incidents.get(f.incident_id)?.number}`);
    }
    expect(textOf(result)).toContain(`10 of ${open.length} follow-ups shown`);
  });

  it("list_follow_ups of one incident by reference, and get_follow_up shows the issue it is tracked as", async () => {
    const tracked = standard.find((f) => f.external_issue);
    const incident = incidents.get(tracked?.incident_id ?? "");
    const list = dataOf(await call("list_follow_ups", { incident: `INC-${incident?.number}` }));
    expect(list.follow_ups.map((f: { id: string }) => f.id).sort()).toEqual(
      standard
        .filter((f) => f.incident_id === incident?.id)
        .map((f) => f.id)
        .sort(),
    );
    const shown = await call("get_follow_up", { follow_up: tracked?.id });
    expect(dataOf(shown).follow_up).toMatchObject({
      id: tracked?.id,
      incident: `INC-${incident?.number}`,
      issue: { name: tracked?.external_issue?.issue_name, url: tracked?.external_issue?.issue_permalink },
    });
  });

  it("create_follow_up by names is safe to retry; update and connect change it", async () => {
    const user = snapshot.users.find((u) => u.is_active && u.role !== "viewer");
    const args = {
      incident: `INC-${live?.number}`,
      title: "Cap retries in the checkout client",
      assignee: user?.email,
      priority: "Urgent",
    };
    const first = dataOf(await call("create_follow_up", args));
    expect(first).toMatchObject({
      created: true,
      follow_up: { title: args.title, priority: "Urgent", assignee: user?.name, status: "outstanding" },
    });
    const again = await call("create_follow_up", args);
    expect(dataOf(again)).toMatchObject({ created: false, follow_up: { id: first.follow_up.id } });
    expect(textOf(again)).toContain("nothing new was added");

    const updated = dataOf(
      await call("update_follow_up", { follow_up: first.follow_up.id, status: "completed", assignee: null }),
    );
    expect(updated.follow_up).toMatchObject({ status: "completed", title: args.title });
    expect(updated.follow_up.assignee).toBeUndefined();

    const url = "https://linear.app/acme/issue/PLAT-777/cap-retries";
    const connected = dataOf(await call("connect_follow_up_issue", { follow_up: first.follow_up.id, url }));
    expect(connected).toMatchObject({
      connected: true,
      follow_up: { issue: { provider: "linear", name: "PLAT-777" } },
    });
    const twice = dataOf(await call("connect_follow_up_issue", { follow_up: first.follow_up.id, url }));
    expect(twice.connected).toBe(false);
  });

  it("answers bad names and unknown IDs with isError and a hint", async () => {
    const priority = await call("create_follow_up", { incident: live?.id, title: "x", priority: "Someday" });
    expect(priority.isError).toBe(true);
    expect(dataOf(priority).error).toMatchObject({ code: "invalid_argument" });
    expect(dataOf(priority).error.hint).toContain("Urgent, High, Medium, Low");
    const missing = await call("get_follow_up", { follow_up: "01HZZZZZZZZZZZZZZZZZZZZZZZ" });
    expect(missing.isError).toBe(true);
    expect(dataOf(missing).error.hint).toContain("list_follow_ups");
    const person = await call("list_follow_ups", { assignee: "nobody@nowhere.example" });
    expect(dataOf(person).error.code).toBe("invalid_argument");
  });
});

describe("action tools", () => {
  it("lists, creates once and completes an action", async () => {
    const list = dataOf(await call("list_actions", { incident: live?.id }));
    expect(list.actions.map((a: { id: string }) => a.id).sort()).toEqual(
      snapshot.actions
        .filter((a) => a.incident_id === live?.id)
        .map((a) => a.id)
        .sort(),
    );
    const args = { incident: `INC-${live?.number}`, description: "Shed traffic from eu-west" };
    const made = dataOf(await call("create_action", args));
    expect(made.created).toBe(true);
    expect(dataOf(await call("create_action", args)).created).toBe(false);
    const done = dataOf(await call("update_action", { action: made.action.id, status: "completed" }));
    expect(done.action).toMatchObject({ status: "completed", description: args.description });
    const shown = dataOf(await call("get_action", { action: made.action.id }));
    expect(shown.action.incident).toBe(`INC-${live?.number}`);
  });

  it("refuses a read-only server's writes: the follow-up and action write tools are not offered", async () => {
    const readOnly = await connectTools(sessionOn(t, t.adminKey), { readOnly: true });
    closers.push(readOnly.close);
    const names = (await readOnly.client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining(["list_follow_ups", "get_follow_up", "list_actions", "get_action"]),
    );
    for (const write of [
      "create_follow_up",
      "update_follow_up",
      "connect_follow_up_issue",
      "create_action",
      "update_action",
    ]) {
      expect(names).not.toContain(write);
    }
  });
});
