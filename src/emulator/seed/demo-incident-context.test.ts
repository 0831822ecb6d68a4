import { describe, expect, it } from "vitest";
import { RESOURCE_KINDS } from "../external-resources.js";
import { demoSnapshot } from "./index.js";

const NOW = Date.UTC(2025, 5, 1, 12);

describe("the demo's attachments, related incidents, post-mortems and workflows", () => {
  const snapshot = demoSnapshot({ now: NOW, seed: 2 });
  const incidents = new Map(snapshot.incidents.map((i) => [i.id, i]));

  it("are the same for the same seed and time", () => {
    const again = demoSnapshot({ now: NOW, seed: 2 });
    for (const key of [
      "incident_attachments",
      "incident_relationships",
      "postmortem_documents",
      "workflows",
      "workflow_runs",
    ] as const) {
      expect(again[key], key).toEqual(snapshot[key]);
    }
  });

  it("attach a Grafana dashboard, Datadog monitors and pull requests, with links the emulator itself accepts", () => {
    const types = new Set(snapshot.incident_attachments.map((a) => a.resource_type));
    expect([...types].sort()).toEqual(["arbitrary_url", "datadog_monitor_alert", "github_pull_request"]);
    for (const attachment of snapshot.incident_attachments) {
      expect(incidents.has(attachment.incident_id)).toBe(true);
      if (attachment.resource_type === "scrubbed") throw new Error("a seeded attachment is scrubbed");
      const kind = RESOURCE_KINDS[attachment.resource_type];
      expect(kind.idFromUrl(new URL(attachment.permalink)), attachment.permalink).toBe(
        attachment.external_id,
      );
      expect(Date.parse(attachment.created_at)).toBeLessThanOrEqual(NOW);
    }
  });

  it("relate incidents of the same failure family, never one to itself", () => {
    expect(snapshot.incident_relationships.length).toBeGreaterThan(20);
    for (const {
      incident_ids: [a, b],
    } of snapshot.incident_relationships) {
      expect(a).not.toBe(b);
      expect(incidents.has(a) && incidents.has(b)).toBe(true);
    }
  });

  it("write post-mortems for the worst resolved incidents, one of them linked from Notion", () => {
    const docs = snapshot.postmortem_documents;
    expect(docs.map((d) => d.type)).toEqual(["in_app", "in_app", "in_app", "in_app", "in_app", "external"]);
    for (const doc of docs) {
      const incident = incidents.get(doc.incident_id);
      expect(doc.title).toBe(`INC-${incident?.number}: ${incident?.name}`);
      expect(Date.parse(doc.updated_at)).toBeLessThanOrEqual(NOW);
    }
    for (const doc of docs.filter((d) => d.type === "in_app")) {
      expect(doc.markdown).toMatch(/^# INC-\d+: .+\n\n## Summary\n/);
      expect(doc.markdown).toContain("## Root cause");
      expect(doc.markdown).toMatch(/\* \[\d\d:\d\d\] \*\*Impact started\*\*/);
    }
    expect(docs.at(-1)?.permalink).toMatch(/^https:\/\/www\.notion\.so\//);
  });

  it("configure workflows whose runs name real incidents and steps, one run cancelled", () => {
    const names = snapshot.workflows.map((w) => w.name);
    expect(names).toContain("Page on-call for critical incidents");
    expect(names).toContain("Create Jira ticket for follow-ups");
    const workflows = new Map(snapshot.workflows.map((w) => [w.id, w]));
    for (const run of snapshot.workflow_runs) {
      const workflow = workflows.get(run.workflow_id);
      expect(run.progress.map((p) => p.step)).toEqual(workflow?.steps.map((s) => s.name));
      expect(incidents.has(run.incident_id ?? "")).toBe(true);
      expect(Date.parse(run.updated_at)).toBeLessThanOrEqual(NOW);
    }
    expect(snapshot.workflow_runs.filter((r) => r.cancelled_at !== undefined).length).toBe(1);
    const critical = snapshot.severities.find((s) => s.name === "Critical")?.id;
    const paging = snapshot.workflows.find((w) => w.name === "Page on-call for critical incidents");
    for (const run of snapshot.workflow_runs.filter((r) => r.workflow_id === paging?.id)) {
      expect(incidents.get(run.incident_id ?? "")?.severity_id).toBe(critical);
    }
  });
});

describe("the systems a resource can be attached from", () => {
  it.each(Object.entries(RESOURCE_KINDS))(
    "%s: the example link names an ID that links back",
    (_type, kind) => {
      if (kind.exampleId === undefined) {
        expect(kind.urlFromId("anything", "acme")).toBeUndefined();
        return;
      }
      const url = kind.urlFromId(kind.exampleId, "acme");
      expect(url).toBeDefined();
      expect(kind.idFromUrl(new URL(url ?? ""))).toBe(kind.exampleId);
    },
  );
});
