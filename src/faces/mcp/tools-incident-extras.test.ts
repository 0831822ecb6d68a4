/**
 * Search, attachments, related incidents, post-mortems, workflows and the incident context through an MCP client,
 * on the demo organisation.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { demoSnapshot } from "../../emulator/seed/index.js";
import { connectTools, dataOf, sessionOn, textOf } from "./testing.js";

const snapshot = demoSnapshot({ now: Date.UTC(2025, 5, 1, 12), seed: 5 });
const ref = (id: string) => `INC-${snapshot.incidents.find((i) => i.id === id)?.number}`;

let t: TestEmulator;
let call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;
let close: () => Promise<void>;
beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot });
  const connection = await connectTools(sessionOn(t, t.adminKey));
  close = connection.close;
  call = async (name, args = {}) =>
    (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
});
afterAll(async () => {
  await close();
  await t.close();
});

describe("search_incidents", () => {
  it("finds incidents by words of their name, newest first, and says why it stopped", async () => {
    const word = snapshot.incidents[0]?.name.split(" ")[0] ?? "";
    const expected = snapshot.incidents
      .filter(
        (i) =>
          (i.mode === "standard" || i.mode === "retrospective") &&
          `${i.name}\n${i.summary ?? ""}`.toLowerCase().includes(word.toLowerCase()),
      )
      .sort((a, b) => b.created_at.localeCompare(a.created_at));
    const result = await call("search_incidents", { text: word.toUpperCase(), limit: 3 });
    expect(result.isError, textOf(result)).toBeFalsy();
    const found = dataOf(result);
    expect(found.incidents.map((i: { id: string }) => i.id)).toEqual(expected.slice(0, 3).map((i) => i.id));
    if (expected.length > 3) {
      expect(found.stopped_at).toBe("matches");
      expect(textOf(result)).toContain(`after=${found.next_cursor}`);
    }
  });

  it("stops after max_pages and says older incidents were not searched", async () => {
    const result = await call("search_incidents", { text: "zzzz-no-such-words", max_pages: 1 });
    expect(dataOf(result)).toMatchObject({ incidents: [], stopped_at: "pages", scanned: 250 });
    expect(textOf(result)).toContain("older incidents were not searched");
  });

  it("refuses a cursor it did not make", async () => {
    const result = await call("search_incidents", { text: "x", after: "nope" });
    expect(result.isError).toBe(true);
    expect(dataOf(result).error.code).toBe("invalid_argument");
  });
});

describe("attachments", () => {
  it("lists, attaches once and removes once", async () => {
    const incident = ref(snapshot.incidents[2]?.id ?? "");
    const url = "https://grafana.example.com/d/xyz/latency";
    const attached = await call("attach_to_incident", { incident, url, title: "Latency" });
    expect(attached.isError, textOf(attached)).toBeFalsy();
    expect(dataOf(attached)).toMatchObject({ created: true, attachment: { title: "Latency", url } });
    expect(dataOf(await call("attach_to_incident", { incident, url })).created).toBe(false);
    const listed = await call("list_incident_attachments", { incident });
    expect(dataOf(listed).attachments.map((a: { url: string }) => a.url)).toContain(url);
    const removed = await call("remove_incident_attachment", {
      incident,
      attachment: dataOf(attached).attachment.id,
    });
    expect(dataOf(removed)).toMatchObject({ changed: true, removed: { url } });
    expect(dataOf(await call("remove_incident_attachment", { incident, attachment: url })).changed).toBe(
      false,
    );
  });

  it("refuses an unknown resource type by its schema", async () => {
    const result = await call("attach_to_incident", {
      incident: ref(snapshot.incidents[2]?.id ?? ""),
      url: "https://x.example",
      resource_type: "fax",
    });
    expect(result.isError).toBe(true);
  });
});

describe("related incidents, post-mortems and workflows", () => {
  it("lists related incidents by reference", async () => {
    const relationship = snapshot.incident_relationships[0];
    const [a, b] = relationship?.incident_ids ?? ["", ""];
    const result = await call("list_related_incidents", { incident: ref(a) });
    expect(dataOf(result).related.map((r: { reference: string }) => r.reference)).toContain(ref(b));
  });

  it("lists an incident's post-mortems and reads the newest one's markdown", async () => {
    const doc = snapshot.postmortem_documents.find((d) => d.type === "in_app");
    if (!doc) throw new Error("the demo has no in-app post-mortem");
    const listed = await call("list_postmortems", { incident: ref(doc.incident_id) });
    expect(dataOf(listed).postmortems.map((p: { id: string }) => p.id)).toContain(doc.id);
    const shown = await call("get_postmortem", { postmortem_id: doc.id });
    expect(dataOf(shown)).toMatchObject({
      markdown: doc.markdown,
      truncated: false,
      postmortem: { title: doc.title },
    });
    const neither = await call("get_postmortem", {});
    expect(neither.isError).toBe(true);
  });

  it("lists workflows with trigger, conditions and steps, shows one by name, lists an incident's runs", async () => {
    const listed = await call("list_workflows");
    const workflows = dataOf(listed).workflows as { name: string; trigger: string; steps: string[] }[];
    expect(workflows).toHaveLength(snapshot.workflows.length);
    const first = snapshot.workflows[0];
    if (!first) throw new Error("the demo has no workflows");
    const shown = await call("get_workflow", { workflow: first.name.toLowerCase() });
    expect(dataOf(shown)).toMatchObject({
      workflow: { id: first.id, trigger: first.trigger.label },
      managed_by: first.management_meta.managed_by,
    });
    const run = snapshot.workflow_runs.find((r) => r.incident_id);
    const runs = await call("list_workflow_runs", { incident: ref(run?.incident_id ?? "") });
    expect(dataOf(runs).runs.map((r: { id: string }) => r.id)).toContain(run?.id);
  });

  it("get_incident_context carries attachments, related incidents and the post-mortem link", async () => {
    const doc = snapshot.postmortem_documents.find((d) => d.type === "in_app");
    const incidentId = doc?.incident_id ?? "";
    const result = await call("get_incident_context", { incident: ref(incidentId) });
    expect(result.isError, textOf(result)).toBeFalsy();
    const data = dataOf(result);
    expect(data.postmortem).toMatchObject({ id: doc?.id, title: doc?.title });
    expect(data.attachment_count).toBe(
      snapshot.incident_attachments.filter((a) => a.incident_id === incidentId).length,
    );
    expect(data.unavailable).toEqual([]);
    expect(textOf(result)).toContain(`Post-mortem: ${doc?.title}`);
  });
});
