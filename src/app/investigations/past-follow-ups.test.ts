/**
 * "Last time this happened, these were the follow-ups": an investigation of the demo organisation's newest live
 * incident lists the follow-ups its similar past incidents left, read from the emulator, and a failure to read them
 * is a warning on the report, never a failed investigation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { IncidentIo } from "../../api/index.js";
import { DEFAULT_CATALOG_FIELD } from "../../catalog/config.js";
import { demoCatalogDir } from "../../catalog/demo.js";
import { demoSnapshotWithLabels } from "../../emulator/seed/index.js";
import { investigationText } from "../../faces/cli/output/investigation-view.js";
import { findingsMarkdown } from "../../investigate/investigation/markdown.js";
import { MAX_INCIDENTS, MAX_PER_INCIDENT } from "../../investigate/investigation/past-follow-ups.js";
import { backfill } from "../../mirror/index.js";
import { type OpsSession, openSession } from "../../ops/index.js";
import { ManualClock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";
import { openTestStore } from "../../store/testing/databases.js";
import { ServiceDirectory } from "../directory.js";
import { investigate } from "./investigate.js";

const NOW = Date.UTC(2025, 5, 1, 12);
const { snapshot } = demoSnapshotWithLabels({ now: NOW, seed: 2 });
const category = new Map(snapshot.incident_statuses.map((s) => [s.id, s.category]));
/** The newest live incident: what a responder would be investigating now. */
const live = snapshot.incidents
  .filter((i) => i.mode === "standard" && category.get(i.incident_status_id) === "live")
  .sort((a, b) => b.created_at.localeCompare(a.created_at))[0];

let t: TestEmulator;
let store: Store;
let directory: ServiceDirectory;
const clock = new ManualClock(NOW);

function session(fetchFor: typeof fetch = t.fetch as typeof fetch): OpsSession {
  return openSession(
    new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: fetchFor, rateLimit: false, maxRetries: 0 }),
    { alias: "demo", clock },
  );
}

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
  store = await openTestStore();
  await backfill(store, session(), { clock });
  directory = ServiceDirectory.open({
    store,
    clock,
    catalog: { dir: demoCatalogDir(), field: DEFAULT_CATALOG_FIELD },
    account: "demo",
  });
});

afterAll(async () => {
  await store?.close();
  await t?.close();
});

describe("the follow-ups of similar incidents in the findings report", () => {
  it("lists each similar incident's follow-ups, open ones first, with the counts incident.io has", async () => {
    if (!live) throw new Error("the demo has no live incident");
    const report = await investigate({ store, session: session(), directory, clock }, live.id);
    expect(report.similarIncidents.length).toBeGreaterThan(0);
    const past = report.pastFollowUps;
    expect(past?.unread).toEqual([]);
    expect(past?.incidents.length).toBeGreaterThan(0);
    expect(past?.incidents.length).toBeLessThanOrEqual(MAX_INCIDENTS);
    const similarIds = report.similarIncidents.slice(0, MAX_INCIDENTS).map((s) => s.id);
    // In the similar incidents' order, and exactly those of them that left follow-ups.
    expect(past?.incidents.map((item) => item.incidentId)).toEqual(
      similarIds.filter((id) => snapshot.follow_ups.some((f) => f.incident_id === id)),
    );
    for (const item of past?.incidents ?? []) {
      const theirs = snapshot.follow_ups.filter((f) => f.incident_id === item.incidentId);
      expect(item.total).toBe(theirs.length);
      expect(item.outstanding).toBe(theirs.filter((f) => f.status === "outstanding").length);
      expect(item.followUps).toHaveLength(Math.min(theirs.length, MAX_PER_INCIDENT));
      const statuses = item.followUps.map((f) => f.status === "outstanding");
      expect(statuses).toEqual([...statuses].sort((a, b) => Number(b) - Number(a)));
      for (const followUp of item.followUps) {
        expect(theirs.map((f) => f.id)).toContain(followUp.id);
      }
    }
    expect(report.warnings).toBeUndefined();

    const open = past?.incidents.reduce((sum, item) => sum + item.outstanding, 0) ?? 0;
    const total = past?.incidents.reduce((sum, item) => sum + item.total, 0) ?? 0;
    const markdown = findingsMarkdown(report);
    expect(markdown).toContain("**Follow-ups from similar incidents**");
    expect(markdown).toContain(`Last time this happened: ${total} follow-up`);
    // Every incident the headline counts is listed under it.
    for (const item of past?.incidents ?? []) expect(markdown).toContain(`[${item.reference}](`);
    const text = investigationText(report, { summary: "off", slack: "off" }, []);
    expect(text).toContain("Follow-ups from similar incidents");
    expect(text).toContain(past?.incidents[0]?.followUps[0]?.title);
    if (open > 0) {
      expect(markdown).toMatch(new RegExp(`${open} (is|are) still open`));
      expect(report.suggestedNextSteps.some((step) => step.startsWith(`Check the ${open} follow-up`))).toBe(
        true,
      );
    }
  });

  it("makes the report without them when they cannot be read, and says so", async () => {
    if (!live) throw new Error("the demo has no live incident");
    const failing = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname === "/v2/follow_ups") {
        return new Response(
          JSON.stringify({ type: "api_error", status: 500, request_id: "req-1", errors: [] }),
          { status: 500, headers: { "content-type": "application/json" } },
        );
      }
      return t.fetch(input, init);
    }) as typeof fetch;
    const warned: string[] = [];
    const report = await investigate({ store, session: session(failing), directory, clock }, live.id, {
      onWarning: (message) => warned.push(message),
    });
    const expected = report.similarIncidents.slice(0, MAX_INCIDENTS).map((s) => s.reference);
    expect(report.pastFollowUps).toEqual({ incidents: [], unread: expected });
    expect(report.warnings).toHaveLength(expected.length);
    expect(report.warnings?.[0]).toMatch(/^the follow-ups of INC-\d+ could not be read/);
    expect(warned).toEqual(expect.arrayContaining(report.warnings ?? []));
    const markdown = findingsMarkdown(report);
    expect(markdown).toContain(`The follow-ups of ${expected.join(", ")} could not be read.`);
    expect(markdown).not.toContain("left no follow-ups");
    expect(report.probableCauses.length + report.similarIncidents.length).toBeGreaterThan(0);
  });
});
