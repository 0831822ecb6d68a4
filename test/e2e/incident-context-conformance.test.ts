/**
 * Our client against our emulator, seeded with the demo organisation: what hangs off an incident (attachments,
 * related incidents, post-mortems) and the workflows that ran on it, read, filtered and paged, attachments created
 * and removed, and the errors, while every request and answer is validated against incident.io's API description.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IncidentIo, IncidentIoApiError } from "../../src/api/index.js";
import { collect } from "../../src/api/testing/harness.js";
import type { IncidentRecord } from "../../src/emulator/model.js";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { descriptionMissingReason } from "../support/openapi.js";

if (descriptionMissingReason)
  console.warn(`incident-context-conformance.test.ts: ${descriptionMissingReason}`);

const OPERATIONS = [
  "GET /v1/incident_attachments",
  "POST /v1/incident_attachments",
  "DELETE /v1/incident_attachments/{id}",
  "GET /v1/incident_relationships",
  "GET /v1/postmortem_documents",
  "GET /v1/postmortem_documents/{id}",
  "GET /v1/postmortem_documents/{id}/content",
  "GET /v2/workflows",
  "GET /v2/workflows/{id}",
  "GET /v2/workflow_runs",
  "GET /v2/workflow_runs/{id}",
];

const NOW = Date.UTC(2025, 5, 1, 12);

describe("attachments, relationships, post-mortems and workflows through the client (demo seed)", () => {
  const snapshot = demoSnapshot({ now: NOW, seed: 5 });
  let t: TestEmulator;
  let io: IncidentIo;
  let viewer: IncidentIo;

  const client = (apiKey: string) => new IncidentIo({ apiKey, baseUrl: t.url, fetch: t.fetch });
  const rejection = async (call: Promise<unknown>): Promise<IncidentIoApiError> => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncidentIoApiError);
    return error as IncidentIoApiError;
  };
  const incident = (id: string): IncidentRecord => {
    const found = snapshot.incidents.find((i) => i.id === id);
    if (!found) throw new Error(`no incident ${id} in the demo`);
    return found;
  };
  const publicIncident = (): IncidentRecord => {
    const found = snapshot.incidents.find((i) => i.visibility === "public" && i.mode === "standard");
    if (!found) throw new Error("the demo has no public incident");
    return found;
  };
  const viewerToken = () => {
    const key = snapshot.api_keys.find((k) => k.roles.join() === "viewer");
    if (!key) throw new Error("the demo has no read-only key");
    return key.token;
  };

  beforeAll(async () => {
    t = await startTestEmulator({ ephemeral: true, snapshot });
    io = client(t.adminKey);
    viewer = client(viewerToken());
  });

  afterAll(async () => {
    await t?.close();
  });

  describe("attachments", () => {
    it("lists an incident's attachments as seeded", async () => {
      const seeded = snapshot.incident_attachments[0];
      if (!seeded) throw new Error("the demo seeds no attachments");
      const listed = await io.incidentAttachments.list({ incidentId: seeded.incident_id });
      const expected = snapshot.incident_attachments.filter((a) => a.incident_id === seeded.incident_id);
      expect(listed.map((a) => a.id)).toEqual(expected.map((a) => a.id));
      expect(listed[0]?.resource).toEqual({
        resource_type: seeded.resource_type,
        external_id: seeded.external_id,
        permalink: seeded.permalink,
        title: seeded.title,
      });
    });

    it("finds every incident one Datadog monitor is attached to, but not private ones for a viewer", async () => {
      const monitor = snapshot.incident_attachments.find((a) => a.resource_type === "datadog_monitor_alert");
      if (!monitor) throw new Error("the demo attaches no Datadog monitor");
      const filter = { resourceType: "datadog_monitor_alert", externalId: monitor.external_id } as const;
      const all = snapshot.incident_attachments.filter(
        (a) => a.resource_type === "datadog_monitor_alert" && a.external_id === monitor.external_id,
      );
      expect(all.length).toBeGreaterThan(1);
      expect((await io.incidentAttachments.list(filter)).map((a) => a.id)).toEqual(all.map((a) => a.id));
      const visible = all.filter((a) => incident(a.incident_id).visibility === "public");
      expect((await viewer.incidentAttachments.list(filter)).map((a) => a.id)).toEqual(
        visible.map((a) => a.id),
      );
    });

    it("attaches a pull request by link and a dashboard as a plain link, then unattaches", async () => {
      const target = publicIncident();
      const before = await io.incidentAttachments.list({ incidentId: target.id });
      const pr = await io.incidentAttachments.create({
        incident_id: target.id,
        resource: {
          resource_type: "github_pull_request",
          url: "https://github.com/acme-cloud/payments-api/pull/4821",
        },
      });
      expect(pr.resource).toMatchObject({
        resource_type: "github_pull_request",
        external_id: "acme-cloud/payments-api#4821",
        permalink: "https://github.com/acme-cloud/payments-api/pull/4821",
      });
      const jira = await io.incidentAttachments.create({
        incident_id: target.id,
        resource: { resource_type: "jira_issue", external_id: "OPS-1234" },
      });
      expect(jira.resource.permalink).toBe(
        `https://${snapshot.organisation.slug}.atlassian.net/browse/OPS-1234`,
      );
      const dashboard = await io.incidentAttachments.create({
        incident_id: target.id,
        resource: {
          resource_type: "arbitrary_url",
          url: "https://grafana.acme.example/d/abc/checkout",
          title: "Checkout dashboard",
          emoji: "chart_with_upwards_trend",
        },
      });
      expect(dashboard.resource.title).toBe("Checkout dashboard");
      const after = await io.incidentAttachments.list({ incidentId: target.id });
      expect(after.map((a) => a.id)).toEqual([...before.map((a) => a.id), pr.id, jira.id, dashboard.id]);

      for (const created of [pr, jira, dashboard]) await io.incidentAttachments.delete(created.id);
      expect(await io.incidentAttachments.list({ incidentId: target.id })).toEqual(before);
      expect((await rejection(io.incidentAttachments.delete(pr.id))).status).toBe(404);
    });

    it("refuses a bad attachment naming the field, and a viewer's attempt for want of the scope", async () => {
      const target = publicIncident();
      const refused = async (resource: Record<string, string>, field: string) => {
        const body = { incident_id: target.id, resource } as Parameters<
          typeof io.incidentAttachments.create
        >[0];
        const error = await rejection(io.incidentAttachments.create(body));
        expect(error.status).toBe(422);
        expect(error.fieldErrors.map((e) => e.field)).toContain(field);
      };
      await refused(
        { resource_type: "github_pull_request", url: "https://gitlab.com/a/b/-/merge_requests/1" },
        "resource.url",
      );
      await refused({ resource_type: "jira_issue", external_id: "not a key" }, "resource.external_id");
      await refused(
        { resource_type: "arbitrary_url", url: "https://a.example", external_id: "x" },
        "resource",
      );
      await refused({ resource_type: "arbitrary_url" }, "resource");
      const unknown = await rejection(
        io.incidentAttachments.create({
          incident_id: "01NOSUCHINCIDENT",
          resource: { resource_type: "jira_issue", external_id: "OPS-1" },
        }),
      );
      expect(unknown.fieldErrors.map((e) => e.field)).toEqual(["incident_id"]);
      const forbidden = await rejection(
        viewer.incidentAttachments.create({
          incident_id: target.id,
          resource: { resource_type: "jira_issue", external_id: "OPS-1" },
        }),
      );
      expect(forbidden.status).toBe(403);
      expect(forbidden.requiredScope).toBe("attachments.create");
    });
  });

  describe("relationships", () => {
    it("pages through an incident's related incidents, from either side", async () => {
      const counts = new Map<string, number>();
      for (const r of snapshot.incident_relationships)
        for (const id of r.incident_ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      const [busiest] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      if (!busiest || busiest[1] < 2) throw new Error("the demo has no incident with two related incidents");
      const [id] = busiest;
      const related = await collect(io.incidentRelationships.list(id, { pageSize: 1 }));
      const expected = snapshot.incident_relationships.filter((r) => r.incident_ids.includes(id));
      expect(related.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      for (const r of related) {
        const other = incident(r.incident.id);
        expect(r.incident).toEqual({ id: other.id, name: other.name, external_id: other.number });
        expect(r.incident.id).not.toBe(id);
      }
      const first = await io.incidentRelationships.listPage(id, { pageSize: 1 });
      expect(first.paginationMeta).toEqual({ page_size: 1, after: related[0]?.id });
    });

    it("answers 404 for an incident that does not exist", async () => {
      expect((await rejection(collect(io.incidentRelationships.list("01NOSUCHINCIDENT")))).status).toBe(404);
    });
  });

  describe("post-mortems", () => {
    it("lists documents newest first by default, oldest first when asked, paged, and by incident", async () => {
      const byCreated = [...snapshot.postmortem_documents].sort(
        (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : 1),
      );
      expect(byCreated.length).toBeGreaterThan(3);
      const newest = await collect(io.postmortemDocuments.list({}, { pageSize: 2 }));
      expect(newest.map((d) => d.id)).toEqual([...byCreated].reverse().map((d) => d.id));
      const oldest = await collect(
        io.postmortemDocuments.list({ sortBy: "created_at_oldest_first" }, { pageSize: 4 }),
      );
      expect(oldest.map((d) => d.id)).toEqual(byCreated.map((d) => d.id));
      const one = byCreated[0];
      if (!one) throw new Error("unreachable");
      const page = await io.postmortemDocuments.listPage({ incidentId: one.incident_id });
      expect(page.postmortemDocuments.map((d) => d.id)).toEqual([one.id]);
      expect(page.paginationMeta).toEqual({ page_size: 25 });
      const shown = await io.postmortemDocuments.show(one.id);
      expect(shown.title).toBe(`INC-${incident(one.incident_id).number}: ${incident(one.incident_id).name}`);
    });

    it("gives the markdown of a document written in incident.io, and points at an external one", async () => {
      const inApp = snapshot.postmortem_documents.find(
        (d) => d.type === "in_app" && incident(d.incident_id).visibility === "public",
      );
      const external = snapshot.postmortem_documents.find((d) => d.type === "external");
      if (!inApp || !external) throw new Error("the demo lacks an in-app or an external post-mortem");
      const markdown = await viewer.postmortemDocuments.content(inApp.id);
      expect(markdown).toBe(inApp.markdown);
      expect(markdown).toMatch(/^# INC-\d+: /);
      expect(markdown).toContain("## Timeline");
      expect(markdown).toContain("## Follow-ups");
      const shown = await io.postmortemDocuments.show(external.id);
      expect([shown.type, shown.document_url]).toEqual(["external", external.permalink]);
      const error = await rejection(io.postmortemDocuments.content(external.id));
      expect([error.status, error.fieldErrors[0]?.field]).toEqual([422, "id"]);
    });

    it("hides documents of private incidents from a key without private access", async () => {
      const hidden = snapshot.postmortem_documents.filter(
        (d) => incident(d.incident_id).visibility === "private",
      );
      const listed = await collect(viewer.postmortemDocuments.list());
      expect(listed.length).toBe(snapshot.postmortem_documents.length - hidden.length);
      for (const doc of hidden)
        expect((await rejection(viewer.postmortemDocuments.show(doc.id))).status).toBe(404);
    });
  });

  describe("workflows", () => {
    it("lists the workflows and shows one with its steps' bindings", async () => {
      const workflows = await io.workflows.list();
      expect(workflows.map((w) => w.name)).toEqual(snapshot.workflows.map((w) => w.name));
      expect(workflows.map((w) => w.name)).toContain("Page on-call for critical incidents");
      const paging = workflows.find((w) => w.name === "Page on-call for critical incidents");
      if (!paging) throw new Error("unreachable");
      expect(paging.trigger).toEqual({ name: "incident.updated", label: "Incident updated" });
      expect(paging.condition_groups[0]?.conditions[0]?.subject.reference).toBe("incident.severity");
      const shown = await io.workflows.show(paging.id);
      expect(shown.workflow.steps[0]?.param_bindings.length).toBeGreaterThan(0);
      expect(shown.management_meta.managed_by).toBe("dashboard");
      expect((await rejection(io.workflows.show("01NOSUCHWORKFLOW"))).status).toBe(404);
    });

    it("pages runs newest first with a total, filtered by workflow, incident and date, leaving out cancelled runs", async () => {
      const listed = snapshot.workflow_runs.filter((r) => r.cancelled_at === undefined);
      const cancelled = snapshot.workflow_runs.find((r) => r.cancelled_at !== undefined);
      expect(cancelled).toBeDefined();
      const first = await io.workflowRuns.listPage({}, { pageSize: 50 });
      expect(first.paginationMeta?.total_record_count).toBe(listed.length);
      const times = first.workflowRuns.map((r) => Date.parse(r.created_at));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const paging = snapshot.workflows.find((w) => w.name === "Page on-call for critical incidents");
      if (!paging) throw new Error("unreachable");
      const runs = await collect(io.workflowRuns.list({ workflowId: paging.id }, { pageSize: 7 }));
      const expected = listed.filter((r) => r.workflow_id === paging.id);
      expect(runs.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
      expect(
        runs.every((r) => r.workflow_name === paging.name && /^INC-\d+$/.test(r.incident_reference ?? "")),
      ).toBe(true);

      const run = expected[0];
      if (!run?.incident_id) throw new Error("unreachable");
      const forIncident = await collect(io.workflowRuns.list({ incidentId: run.incident_id }));
      expect(forIncident.map((r) => r.incident_id)).toEqual(forIncident.map(() => run.incident_id));
      expect(forIncident.map((r) => r.id)).toContain(run.id);

      const day = run.created_at.slice(0, 10);
      const onDay = await collect(io.workflowRuns.list({ createdAt: { date_range: [day, day] } }));
      expect(onDay.map((r) => r.id)).toContain(run.id);
      expect(onDay.every((r) => r.created_at.startsWith(day))).toBe(true);
      const since = await collect(io.workflowRuns.list({ createdAt: { gte: `${day}T00:00:00Z` } }));
      expect(since.length).toBe(listed.filter((r) => r.created_at >= `${day}T00:00:00`).length);

      if (!cancelled) throw new Error("unreachable");
      expect((await io.workflowRuns.show(cancelled.id)).cancelled_at).toBe(cancelled.cancelled_at);
      expect((await rejection(io.workflowRuns.listPage({}, { after: "01NOSUCHRUN" }))).status).toBe(404);
    });

    it("needs a workflows role: the read-only key is refused", async () => {
      const error = await rejection(viewer.workflows.list());
      expect([error.status, error.requiredScope]).toEqual([403, "workflows.view"]);
    });
  });

  // Without the description nothing is recorded as implemented: skipped, with the reason printed above.
  it.skipIf(descriptionMissingReason !== undefined)("implements every operation above with success", () => {
    expect(OPERATIONS.filter((operation) => !t.implemented.has(operation))).toEqual([]);
  });
});
