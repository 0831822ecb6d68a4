import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, startToolsFixture, type ToolsFixture, textOf } from "./testing.js";

let f: ToolsFixture;
let reference: string;

beforeAll(async () => {
  f = await startToolsFixture();
  for (const [name, severity] of [
    ["Checkout errors", "Major"],
    ["Slow search", "Minor"],
    ["Login outage", "Critical"],
  ] as const) {
    const declared = await f.call("declare_incident", { name, severity, summary: `About ${name}` });
    expect(declared.isError, textOf(declared)).toBeFalsy();
  }
  reference = dataOf(
    await f.call("declare_incident", {
      name: "Queue backlog",
      severity: "Major",
      custom_fields: { "affected team": "Payments" },
    }),
  ).incident.reference;
  const posted = await f.call("post_incident_update", { incident: reference, message: "Draining the queue" });
  expect(posted.isError, textOf(posted)).toBeFalsy();
});
afterAll(() => f.close());

describe("settings tools", () => {
  it("list_severities lists the organisation's severities, least severe first", async () => {
    const result = await f.call("list_severities");
    expect(dataOf(result).severities.map((s: { name: string }) => s.name)).toEqual([
      "Minor",
      "Major",
      "Critical",
    ]);
    expect(textOf(result)).toMatch(/^Minor \(rank 1, id \w+\)/);
  });

  it("list_incident_statuses gives each status with its category", async () => {
    const result = await f.call("list_incident_statuses");
    const statuses = dataOf(result).statuses as { name: string; category: string }[];
    expect(statuses).toContainEqual(expect.objectContaining({ name: "Closed", category: "closed" }));
    expect(statuses).toContainEqual(expect.objectContaining({ name: "Fixing", category: "live" }));
    expect(textOf(result)).toContain("Post-incident [learning]");
  });

  it("list_incident_types flags the default and private-only types", async () => {
    const result = await f.call("list_incident_types");
    expect(dataOf(result).incident_types.map((t: { name: string }) => t.name)).toEqual([
      "Default",
      "Triaged",
      "Security",
    ]);
    expect(textOf(result)).toContain("Default [default]");
    expect(textOf(result)).toContain("Security [private only]");
  });
});

describe("incident reads", () => {
  it("list_incidents filters by severity name and renders a line per incident", async () => {
    const result = await f.call("list_incidents", { severity: ["major"] });
    const names = dataOf(result).incidents.map((i: { name: string }) => i.name);
    expect(names.sort()).toEqual(["Checkout errors", "Queue backlog"]);
    const lines = textOf(result).split("\n");
    expect(lines.find((line) => line.includes("Checkout errors"))).toMatch(
      /^INC-\d+ {2}Checkout errors {2}\[Major \| Investigating \(live\) \| created \d{4}-\d\d-\d\dT/,
    );
    expect(textOf(result)).toContain("No more results.");
  });

  it("list_incidents honours severity_gte and oldest-first sort", async () => {
    const result = await f.call("list_incidents", { severity_gte: "Major", sort: "oldest" });
    const names = dataOf(result).incidents.map((i: { name: string }) => i.name);
    expect(names).toEqual(["Checkout errors", "Login outage", "Queue backlog"]);
  });

  it("pages with a cursor: the text says how to continue, and the pages do not overlap", async () => {
    const first = await f.call("list_incidents", { limit: 3 });
    const cursor = dataOf(first).next_cursor as string;
    expect(cursor).toBeTruthy();
    expect(textOf(first)).toContain(`call list_incidents again with after=${cursor} for more`);
    const second = await f.call("list_incidents", { limit: 3, after: cursor });
    expect(dataOf(second).next_cursor).toBeUndefined();
    const ids = [...dataOf(first).incidents, ...dataOf(second).incidents].map((i: { id: string }) => i.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });

  it("get_incident finds an incident by reference, bare number, ID or incident.io URL", async () => {
    const byReference = await f.call("get_incident", { incident: reference });
    const incident = dataOf(byReference).incident;
    expect(incident).toMatchObject({ reference, name: "Queue backlog", severity: { name: "Major" } });
    expect(textOf(byReference)).toContain(`${reference}: Queue backlog`);
    expect(textOf(byReference)).toContain("Severity: Major");

    const byNumber = await f.call("get_incident", { incident: reference.replace("INC-", "") });
    const byId = await f.call("get_incident", { incident: incident.id });
    expect(dataOf(byNumber).incident.id).toBe(incident.id);
    expect(dataOf(byId).incident.reference).toBe(reference);
    const url = `https://app.incident.io/acme/incidents/${reference.replace("INC-", "")}`;
    expect(dataOf(await f.call("get_incident", { incident: url })).incident.id).toBe(incident.id);
  });

  it("get_incident_context brings the incident, its updates, fields, roles and timestamps together", async () => {
    const result = await f.call("get_incident_context", { incident: reference });
    const context = dataOf(result);
    expect(context.incident).toMatchObject({ reference, severity: "Major", status_category: "live" });
    expect(context.updates.map((u: { message?: string }) => u.message)).toContain("Draining the queue");
    expect(context.custom_fields).toContainEqual({ name: "Affected team", values: ["Payments"] });
    expect(context.roles.map((role: { role: string }) => role.role)).toContain("Incident Lead");
    expect(context.timestamps.map((stamp: { name: string }) => stamp.name)).toContain("Impact started");
    const text = textOf(result);
    expect(text).toMatch(/Updates \(\d+, oldest first\):/);
    expect(text).toContain("Draining the queue");
    expect(text).toContain("Affected team: Payments");
  });

  it("list_incident_updates lists an incident's updates with their messages", async () => {
    const result = await f.call("list_incident_updates", { incident: reference });
    const messages = dataOf(result).updates.map((u: { message?: string }) => u.message);
    expect(messages).toContain("Draining the queue");
    expect(textOf(result)).toMatch(/\[Investigating, Major\].*: Draining the queue/);
  });
});
