/** Attachments, related incidents, post-mortems, workflows and the incident context, on the demo organisation. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IncidentIoApiError } from "../api/index.js";
import type { Snapshot } from "../emulator/model.js";
import { demoSnapshot } from "../emulator/seed/index.js";
import { attachToIncident, listAttachments, removeAttachment } from "./attachments.js";
import { CONTEXT_RELATED, incidentContext } from "./context.js";
import { getPostmortem, listPostmortems } from "./postmortems.js";
import { listRelatedIncidents } from "./related.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";
import { getWorkflow, listWorkflowRuns, listWorkflows } from "./workflows.js";

const snapshot: Snapshot = demoSnapshot({ now: Date.UTC(2025, 5, 1, 12), seed: 5 });
const ref = (incidentId: string) => {
  const incident = snapshot.incidents.find((i) => i.id === incidentId);
  if (!incident) throw new Error(`the demo has no incident ${incidentId}`);
  return `INC-${incident.number}`;
};
/** The incident with the most related incidents, so bounds show. */
const mostRelated = () => {
  const counts = new Map<string, number>();
  for (const r of snapshot.incident_relationships) {
    for (const id of r.incident_ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const [id, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  return { id, count };
};

let ops: OpsTest;
beforeAll(async () => {
  ops = await startOpsTest({ snapshot });
});
afterAll(async () => {
  await ops.close();
});

describe("attachments", () => {
  it("lists an incident's attachments as the demo seeds them", async () => {
    const seeded = snapshot.incident_attachments[0];
    if (!seeded) throw new Error("the demo seeds no attachments");
    const { incident, attachments } = await listAttachments(ops.s, ref(seeded.incident_id));
    expect(incident.id).toBe(seeded.incident_id);
    expect(attachments.map((a) => a.id).sort()).toEqual(
      snapshot.incident_attachments
        .filter((a) => a.incident_id === seeded.incident_id)
        .map((a) => a.id)
        .sort(),
    );
  });

  it("attaches a link once, then removes it by its link once", async () => {
    const target = ref(snapshot.incidents[3]?.id ?? "");
    const link = "https://grafana.example.com/d/abc123/checkout";
    const first = await attachToIncident(ops.s, target, { url: link, title: "Checkout dashboard" });
    expect(first).toMatchObject({ created: true, attachment: { resource: { title: "Checkout dashboard" } } });
    const again = await attachToIncident(ops.s, target, { url: ` ${link} ` });
    expect(again).toMatchObject({ created: false, attachment: { id: first.attachment.id } });
    const pr = await attachToIncident(ops.s, target, {
      url: "https://github.com/acme/api/pull/42",
      type: "github_pull_request",
    });
    expect(pr.attachment.resource.resource_type).toBe("github_pull_request");

    const removed = await removeAttachment(ops.s, target, link);
    expect(removed.attachment?.id).toBe(first.attachment.id);
    expect(removed.remaining.map((a) => a.id)).not.toContain(first.attachment.id);
    expect((await removeAttachment(ops.s, target, link)).attachment).toBeUndefined();
    expect((await removeAttachment(ops.s, target, pr.attachment.id)).attachment?.id).toBe(pr.attachment.id);
  });

  it("refuses bad links, types and titles before writing", async () => {
    const target = ref(snapshot.incidents[3]?.id ?? "");
    const before = ops.requests.length;
    expect((await refusal(attachToIncident(ops.s, target, { url: "ftp://x" }))).message).toContain("http(s)");
    const type = await refusal(attachToIncident(ops.s, target, { url: "https://x.example", type: "fax" }));
    expect(type.hint).toContain("github_pull_request");
    expect(
      (
        await refusal(
          attachToIncident(ops.s, target, {
            url: "https://github.com/acme/api/pull/1",
            type: "github_pull_request",
            title: "Mine",
          }),
        )
      ).message,
    ).toContain("plain links");
    expect(ops.requests.slice(before)).toEqual([]);
  });
});

describe("related incidents", () => {
  it("lists them by reference and name, paged", async () => {
    const { id, count } = mostRelated();
    expect(count).toBeGreaterThan(1);
    const all = await listRelatedIncidents(ops.s, ref(id), { all: true });
    expect(all.related).toHaveLength(count);
    for (const related of all.related) {
      expect(related.reference).toBe(ref(related.id));
      expect(related.name).toBe(snapshot.incidents.find((i) => i.id === related.id)?.name);
    }
    const first = await listRelatedIncidents(ops.s, ref(id), { limit: 1 });
    expect(first.related).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
  });
});

describe("post-mortems", () => {
  it("lists an incident's, and shows the newest with its markdown", async () => {
    const doc = snapshot.postmortem_documents.find((d) => d.type === "in_app");
    if (!doc) throw new Error("the demo has no in-app post-mortem");
    const listed = await listPostmortems(ops.s, { incident: ref(doc.incident_id) });
    expect(listed.documents.map((d) => d.id)).toContain(doc.id);
    const shown = await getPostmortem(ops.s, { incident: ref(doc.incident_id) });
    expect(shown.document.incident_id).toBe(doc.incident_id);
    expect(shown.markdown).toBe(doc.markdown);
    expect(shown.truncated).toBe(false);
    const cut = await getPostmortem(ops.s, { id: doc.id }, { maxChars: 40 });
    expect(cut).toMatchObject({ truncated: true, markdown: doc.markdown?.slice(0, 40) });
  });

  it("gives an external document's link without content", async () => {
    const doc = snapshot.postmortem_documents.find((d) => d.type === "external");
    if (!doc) throw new Error("the demo has no external post-mortem");
    const shown = await getPostmortem(ops.s, { id: doc.id });
    expect(shown.markdown).toBeUndefined();
    expect(shown.document.document_url).toBe(doc.permalink);
  });

  it("says when an incident has none, and refuses both or neither of id and incident", async () => {
    const without = snapshot.incidents.find(
      (i) => i.mode === "standard" && !snapshot.postmortem_documents.some((d) => d.incident_id === i.id),
    );
    const none = await refusal(getPostmortem(ops.s, { incident: ref(without?.id ?? "") }));
    expect(none.message).toContain("has no post-mortem");
    expect((await refusal(getPostmortem(ops.s, {}))).code).toBe("invalid_argument");
  });
});

describe("workflows", () => {
  it("lists them by name, shows one by name in any case, and lists an incident's runs", async () => {
    const names = (await listWorkflows(ops.s)).map((w) => w.name);
    expect(names).toEqual([...snapshot.workflows.map((w) => w.name)].sort((a, b) => a.localeCompare(b)));
    const first = snapshot.workflows[0];
    if (!first) throw new Error("the demo has no workflows");
    const shown = await getWorkflow(ops.s, first.name.toUpperCase());
    expect(shown.workflow.id).toBe(first.id);
    const unknown = await refusal(getWorkflow(ops.s, "Nope"));
    expect(unknown.hint).toContain(first.name);

    const run = snapshot.workflow_runs.find((r) => r.incident_id !== undefined);
    if (!run?.incident_id) throw new Error("the demo has no runs on incidents");
    const runs = await listWorkflowRuns(ops.s, { incident: ref(run.incident_id) }, { all: true });
    expect(runs.runs.map((r) => r.id)).toContain(run.id);
    expect(runs.runs.every((r) => r.incident_id === run.incident_id)).toBe(true);
  });
});

describe("incidentContext", () => {
  it("adds attachments, related incidents (bounded) and the newest post-mortem's link", async () => {
    const { id, count } = mostRelated();
    const context = await incidentContext(ops.s, ref(id));
    expect(context.related).toHaveLength(Math.min(count, CONTEXT_RELATED));
    expect(context.relatedMore).toBe(count > CONTEXT_RELATED);
    expect(context.attachmentCount).toBe(
      snapshot.incident_attachments.filter((a) => a.incident_id === id).length,
    );
    expect(context.unavailable).toEqual([]);

    const doc = snapshot.postmortem_documents.find((d) => d.type === "in_app");
    const withDoc = await incidentContext(ops.s, ref(doc?.incident_id ?? ""));
    expect(withDoc.postmortem).toMatchObject({ id: doc?.id, title: doc?.title, type: "in_app" });
    expect(withDoc.postmortem?.url).toMatch(/^https:\/\//);
  });

  it("leaves out, and names, a part the key may not read, rather than failing", async () => {
    const s = ops.session();
    s.io.incidentAttachments.list = async () => {
      throw new IncidentIoApiError({
        code: "forbidden",
        message: "missing scope attachments.view",
        hint: "give the key the scope",
        status: 403,
        method: "GET",
        url: "/v1/incident_attachments",
      });
    };
    const context = await incidentContext(s, ref(snapshot.incidents[0]?.id ?? ""));
    expect(context.unavailable).toEqual(["attachments"]);
    expect(context.attachments).toEqual([]);
  });
});
