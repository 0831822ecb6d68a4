import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HubAccounts } from "../../app/hub-accounts.js";
import { investigate, SIMILAR_THRESHOLD } from "../../app/investigations/index.js";
import { named } from "../../emulator/testing.js";
import { recordChange } from "../../investigate/changes/index.js";
import { createInvestigation, saveReport } from "../../investigate/investigation/index.js";
import type { FindingsReport } from "../../investigate/report.js";
import { upsertMirroredIncident } from "../../mirror/index.js";
import { changeStatus, escalateIncident, getIncident } from "../../ops/incidents.js";
import { HubWebData } from "./hub-data.js";
import { webRoutes } from "./routes.js";
import { CHECKOUT, type HubWorld, PAYMENTS, SEARCH, startHubWorld } from "./testing/hub-world.js";

const HOUR = 3_600_000;
const POOL_SUMMARY = "Checkout requests time out: the database connection pool is exhausted.";
const ROOT_CAUSE = "The pool size was left at 20 after the migration.";

let world: HubWorld;
let declared: { id: string; reference: string; createdAt: string };

/** Text as a person reads it off the page. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

async function seed(): Promise<void> {
  const sev = (name: string) => {
    const found = named(world.snapshot.severities, name);
    return { id: found.id, name: found.name, rank: found.rank };
  };
  const pool = await world.mirrorIncident({
    daysAgo: 12,
    name: "Checkout 5xx: database connection pool exhausted",
    summary: `${POOL_SUMMARY}\n\nRaised the pool size to 80 and restarted checkout.`,
  });
  const rootCause = { fieldId: "cf-root-cause", fieldName: "Root cause", values: [{ label: ROOT_CAUSE }] };
  await upsertMirroredIncident(
    world.store.db,
    { ...pool, customFields: [...pool.customFields, rootCause] },
    {},
    new Date(world.clock.now()).toISOString(),
  );
  // A lead, not a recurrence: same service, few shared words.
  await world.mirrorIncident({ daysAgo: 20, name: "Checkout 5xx for some shoppers" });
  await world.mirrorIncident({ daysAgo: 40, name: "Search index rebuild slow", severity: sev("Minor") });
  const { reference } = await world.data.declareIncident({
    entityRef: CHECKOUT,
    name: "Checkout 5xx: connection pool exhausted",
    summary: POOL_SUMMARY,
    severity: sev("Major").id,
    mode: "standard",
    idempotencyKey: "incident-page-test",
  });
  await escalateIncident(world.session, reference, "Critical");
  await changeStatus(world.session, reference, "Fixing");
  const incident = await getIncident(world.session, reference);
  await world.mirror.refresh("prod", incident.id);
  declared = { id: incident.id, reference, createdAt: incident.created_at };
  const created = Date.parse(incident.created_at);
  const change = async (service: string, hoursBefore: number, description: string) =>
    recordChange(
      world.store,
      {
        service,
        kind: "deploy",
        description,
        author: "dana",
        link: "https://ci.example.com/1",
        happenedAt: new Date(created - hoursBefore * HOUR).toISOString(),
      },
      { source: "api", clock: world.clock },
    );
  await change(CHECKOUT, 0.5, "checkout v42");
  await change(PAYMENTS, 2, "payments v7");
  await change(CHECKOUT, 5, "checkout v41, too early");
  await change(SEARCH, 0.25, "search v3, another service");
}

beforeAll(async () => {
  world = await startHubWorld();
  await seed();
}, 30_000);
afterAll(() => world?.close());

describe("the incident page's model", () => {
  it("has the header, the services, and the timeline of status and severity changes from incident.io", async () => {
    const page = await world.data.incident(declared.reference);
    if (!page) throw new Error("the declared incident has a page");
    expect(page.incident).toMatchObject({
      reference: declared.reference,
      name: "Checkout 5xx: connection pool exhausted",
      severity: { name: "Critical" },
      status: { name: "Fixing", category: "live" },
      services: [{ name: "Checkout", ref: CHECKOUT }],
    });
    expect(page.priority).toBe("P0");
    if (page.timeline.state !== "ok") throw new Error(`timeline: ${page.timeline.reason}`);
    // incident.io records an update for each change: the escalation, then the move to Fixing.
    const [escalated, fixing] = page.timeline.entries;
    expect(page.timeline.entries).toHaveLength(2);
    expect(escalated).toMatchObject({ status: { name: "Investigating" }, severity: { name: "Critical" } });
    expect(fixing).toMatchObject({
      status: { name: "Fixing", changed: true },
      severity: { name: "Critical", changed: false },
      by: "Admin",
    });
    expect(Date.parse(fixing?.at ?? "")).toBeGreaterThanOrEqual(Date.parse(escalated?.at ?? ""));
    expect(await world.data.incident(declared.id)).toMatchObject({ incident: { id: declared.id } });
    expect(await world.data.incident("INC-99999")).toBeUndefined();
    expect(await world.data.incident("not a reference")).toBeUndefined();
  });

  it("lists the similar incidents its investigation lists, at the same threshold, leads below 0.5 included", async () => {
    const report = await investigate(
      { store: world.store, session: world.session, directory: world.directory, clock: world.clock },
      declared.id,
    );
    const page = await world.data.incident(declared.reference);
    expect(page?.similar.threshold).toBe(SIMILAR_THRESHOLD);
    const listed = report.similarIncidents.map((item) => [item.reference, item.score]);
    expect(
      page?.similar.results.map((item) => [item.incident.reference, Math.round(item.score * 1000) / 1000]),
    ).toEqual(listed);
    expect(listed.some(([, score]) => Number(score) < 0.5)).toBe(true);
  });

  it("lists similar past incidents with their score, reasons and how they were resolved", async () => {
    const page = await world.data.incident(declared.reference);
    const [best, ...rest] = page?.similar.results ?? [];
    expect(best?.incident.name).toBe("Checkout 5xx: database connection pool exhausted");
    expect(best?.score).toBeGreaterThanOrEqual(0.5);
    expect(best?.reasons).toContain("same service: checkout");
    expect(best?.reasons.some((reason) => reason.startsWith("shared terms:"))).toBe(true);
    // Its root cause field, not the last paragraph of its summary.
    expect(best?.resolution).toEqual({
      status: "Closed",
      timeToResolveSeconds: 7200,
      notes: [`Root cause: ${ROOT_CAUSE}`],
    });
    expect(rest.map((item) => item.incident.name)).not.toContain("Search index rebuild slow");
  });

  it("lists the changes of the 4 hours before, newest first, marking the one to a dependency", async () => {
    const page = await world.data.incident(declared.reference);
    expect(page?.changes.windowHours).toBe(4);
    expect(page?.changes.items.map((c) => c.description)).toEqual(["checkout v42", "payments v7"]);
    const [own, dependency] = page?.changes.items ?? [];
    expect(own).toMatchObject({ reason: "deploy to checkout 30 min before", viaDependencyOf: [] });
    expect(dependency).toMatchObject({
      service: { name: "Payments", ref: PAYMENTS },
      viaDependencyOf: [{ name: "Checkout", ref: CHECKOUT }],
      reason: "deploy to payments (a dependency of checkout) 2 h before",
    });
  });

  it("says the timeline is unavailable when incident.io does not answer in time", async () => {
    const stuck = new HubWebData({
      directory: world.directory,
      store: world.store,
      accounts: new HubAccounts({ ...world.session, io: hangingClient() } as typeof world.session),
      sources: [],
      clock: world.clock,
      timelineWaitMs: 100,
    });
    const page = await stuck.incident(declared.reference);
    expect(page?.timeline).toEqual({
      state: "unavailable",
      reason: "incident.io did not answer within 0.1 s",
    });
    expect(page?.similar.results.length).toBeGreaterThan(0);
  });
});

describe("the incident page as HTML", () => {
  it("shows every section, links services and similar incidents, and keeps the incident.io link", async () => {
    const app = webRoutes(world.data, { clock: world.clock });
    const response = await app.request(`/incidents/${declared.reference}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const shown = text(html);
    expect(shown).toContain(`${declared.reference}: Checkout 5xx: connection pool exhausted`);
    expect(shown).toContain("P0");
    expect(shown).toContain("No investigation yet.");
    expect(shown).toContain("deploy to payments (a dependency of checkout) 2 h before");
    expect(shown).toContain("via dependency of Checkout");
    expect(shown).toContain(`Root cause: ${ROOT_CAUSE}`);
    expect(shown).not.toContain("Raised the pool size to 80");
    expect(shown).toMatch(/status → Fixing/);
    expect(shown).toMatch(/Admin : status Investigating, severity Critical/);
    expect(html).toContain('href="/services/component%3Adefault%2Fcheckout"');
    expect(html).toMatch(/href="https:\/\/app\.incident\.io\/[^"]*"[^>]*>incident\.io ↗/);
    const missing = await app.request("/incidents/INC-99999");
    expect(missing.status).toBe(404);
    expect(text(await missing.text())).toContain("no incident “INC-99999”");
  });

  it("links the incidents list and the service page's rows to the incident page", async () => {
    const app = webRoutes(world.data, { clock: world.clock });
    const link = `href="/incidents/${declared.id}"`;
    expect(await (await app.request("/incidents")).text()).toContain(link);
    expect(await (await app.request(`/services/${encodeURIComponent(CHECKOUT)}`)).text()).toContain(link);
  });

  it("shows the latest stored investigation's findings", async () => {
    const id = await createInvestigation(
      world.store,
      { account: "prod", id: declared.id },
      "cli",
      declared.createdAt,
    );
    await saveReport(world.store, id, findingsFor(declared));
    const shown = text(
      await (await webRoutes(world.data).request(`/incidents/${declared.reference}`)).text(),
    );
    expect(shown).toContain("The pool ran out after the checkout v42 deploy.");
    expect(shown).toContain("Connection pool too small (high confidence)");
    expect(shown).toContain("Roll back checkout v42");
    expect(shown).not.toContain("No investigation yet.");
  });
});

/** A client whose every request waits forever, as incident.io does when the network drops packets. */
function hangingClient() {
  const never = () => new Promise<never>(() => {});
  return { incidentUpdates: { listPage: never }, incidents: { show: never } } as never;
}

function findingsFor(incident: { id: string; reference: string; createdAt: string }): FindingsReport {
  return {
    incident: {
      id: incident.id,
      reference: incident.reference,
      name: "Checkout 5xx",
      severity: { name: "Critical", rank: 3 },
      priority: "P0",
      status: { name: "Fixing", category: "live" },
      permalink: null,
      createdAt: incident.createdAt,
    },
    generatedAt: incident.createdAt,
    summary: "The pool ran out after the checkout v42 deploy.",
    probableCauses: [
      {
        title: "Connection pool too small",
        confidence: "high",
        evidence: [{ text: "deploy to checkout 30 min before" }],
      },
    ],
    similarIncidents: [],
    changes: [],
    suggestedNextSteps: ["Roll back checkout v42"],
  };
}
