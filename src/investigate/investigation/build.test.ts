import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CatalogEntity } from "../../catalog/index.js";
import type { MirroredIncident } from "../../mirror/index.js";
import { correlateChanges } from "../changes/index.js";
import type { FindingsReport } from "../report.js";
import { buildReport } from "./build.js";
import { findingsMarkdown, withoutFindings } from "./markdown.js";
import { type InvestigationWorld, startInvestigationWorld, WORLD_FIELD, worldIncident } from "./testing.js";

let world: InvestigationWorld;
beforeEach(async () => {
  world = await startInvestigationWorld();
});
afterEach(async () => {
  await world.close();
});

const POOL = "Payments API failing: database connection pool exhausted";
const CAUSE = "payments-api v2.9.1 halved the pool size.";
/** What responders wrote last in a summary: never taken for how the incident was resolved. */
const SUMMARY_TAIL = "Rolled back payments-api v2.9.1; the pool size is back to 50.";

/** Gathers what `investigate` gathers, from the world, and builds the report. */
async function report(
  incident: MirroredIncident,
  closingUpdates?: ReadonlyMap<string, string>,
): Promise<FindingsReport> {
  const services = (world.directory.mapping?.entitiesFor(incident) ?? [])
    .map((ref) => world.directory.entity(ref))
    .filter((entity): entity is CatalogEntity => entity !== undefined);
  const similar = await world.directory.findSimilar({ incident }, { limit: 5 });
  const correlation = await correlateChanges(world.store, incident, { directory: world.directory });
  return buildReport({
    incident,
    context: {
      updates: [],
      roles: [{ role: "Incident Lead", assignee: "Alice <alice@acme.example>" }],
      customFields: [],
    },
    services,
    serviceField: WORLD_FIELD,
    similar: similar.results,
    ...(closingUpdates ? { closingUpdates } : {}),
    correlation,
    priority: "P0",
    generatedAt: new Date(world.clock.now()).toISOString(),
  });
}

/** A payments outage with three earlier ones like it (the latest fixed by a rollback) and two changes before it. */
async function paymentsOutage(): Promise<MirroredIncident> {
  await world.mirror(
    worldIncident({
      name: POOL,
      services: ["Payments API"],
      daysAgo: 25,
      resolvedAfterHours: 3,
      summary: "Pool exhausted.\n\nRaised max_connections on the primary.",
      rootCause: "max_connections on the primary was too low.",
    }),
  );
  await world.mirror(
    worldIncident({ name: POOL, services: ["Payments API"], daysAgo: 12, resolvedAfterHours: 2 }),
  );
  const latest = worldIncident({
    name: POOL,
    services: ["Payments API"],
    daysAgo: 3,
    resolvedAfterHours: 1,
    summary: `Pool exhausted after a deploy.\n\n${SUMMARY_TAIL}`,
    rootCause: CAUSE,
  });
  await world.mirror(latest);
  await world.mirror(
    worldIncident({ name: "Search results stale", services: ["Search"], daysAgo: 2, resolvedAfterHours: 1 }),
  );
  await world.change("payments-api", "deploy", 25, {
    description: "v2.14.0",
    author: "alice",
    link: "https://github.com/acme/payments-api/deployments/881",
  });
  await world.change("ledger", "config", 130, { description: "pool 20 -> 50" });
  await world.change("search", "deploy", 10, { description: "unrelated" });
  const incident = worldIncident({ name: POOL, services: ["Payments API"] });
  await world.mirror(incident);
  return incident;
}

describe("buildReport over a fixed world", () => {
  it("puts the deploy 25 min before first, with its link, then the recurrence, then the dependency's change", async () => {
    const incident = await paymentsOutage();
    const built = await report(incident);
    expect(built.probableCauses.map((cause) => [cause.title, cause.confidence])).toEqual([
      ["Deploy to payments-api 25 min before the incident", "high"],
      [
        expect.stringMatching(
          /^Recurring: 3 similar incidents in the past 30 days; the latest recorded resolution \(INC-\d+\): Root cause: payments-api v2\.9\.1 halved/,
        ),
        "high",
      ],
      ["Config change to ledger (a dependency of payments-api) 2 h 10 min before the incident", "low"],
    ]);
    const [deploy, recurring] = built.probableCauses;
    expect(deploy?.evidence).toEqual([
      {
        text: `deploy of payments-api: v2.14.0 by alice at 2026-06-30T11:35:00.000Z, 25 min before ${incident.reference} was declared`,
        link: "https://github.com/acme/payments-api/deployments/881",
      },
    ]);
    expect(recurring?.evidence).toHaveLength(3);
    for (const item of recurring?.evidence ?? []) {
      expect(item.text).toMatch(/same service: Payments API/);
      expect(item.link).toMatch(/^https:\/\/app\.incident\.io\/acme\/incidents\/\d+$/);
    }
    expect(built.changes.map((change) => [change.service, change.kind, change.viaDependency])).toEqual([
      ["payments-api", "deploy", false],
      ["ledger", "config", true],
    ]);
  });

  it("lists the similar incidents with how each was resolved, and none unrelated", async () => {
    const built = await report(await paymentsOutage());
    expect(built.similarIncidents).toHaveLength(3);
    expect(built.similarIncidents.every((item) => item.name === POOL)).toBe(true);
    const resolutions = built.similarIncidents.map((item) => item.resolution);
    expect(resolutions).toContain(`Root cause: ${CAUSE} (resolved after 1 h)`);
    expect(resolutions).toContain(
      "Root cause: max_connections on the primary was too low. (resolved after 3 h)",
    );
    expect(resolutions).toContain(null);
    // What a summary says last is the incident's story, not its resolution.
    expect(JSON.stringify(built)).not.toContain(SUMMARY_TAIL);
    expect(JSON.stringify(built)).not.toContain("Raised max_connections");
    expect(findingsMarkdown(built)).toMatch(/, score \d\.\d\d: [^\n]*\. \(Closed; no resolution recorded\)/);
  });

  it("takes the closing update of a resolved incident that has no cause field, and of no other", async () => {
    const incident = await paymentsOutage();
    const silent = (await report(incident)).similarIncidents.find((item) => item.resolution === null);
    if (!silent) throw new Error("the outage has a similar incident that says nothing of its resolution");
    const closing = new Map([[silent.id, "Restarted the pool; error rate back to normal."]]);
    const built = await report(incident, closing);
    expect(built.similarIncidents.find((item) => item.id === silent.id)?.resolution).toBe(
      "Restarted the pool; error rate back to normal. (resolved after 2 h)",
    );
    expect(built.similarIncidents.filter((item) => item.resolution?.startsWith("Restarted"))).toHaveLength(1);
  });

  it("never calls an open incident resolved, nor quotes its summary or its cause field as a resolution", async () => {
    for (const daysAgo of [1, 2]) {
      await world.mirror(
        worldIncident({
          name: POOL,
          services: ["Payments API"],
          daysAgo,
          summary: "Database down\n\nOpened from an alert; looking into it.",
          rootCause: "Suspected: the pool is too small.",
        }),
      );
    }
    const incident = worldIncident({ name: POOL, services: ["Payments API"] });
    await world.mirror(incident);
    const closing = new Map<string, string>();
    const listed = (await report(incident)).similarIncidents;
    for (const item of listed) closing.set(item.id, "Looking into it.");
    const built = await report(incident, closing);
    expect(built.similarIncidents.map((item) => [item.status, item.resolved, item.resolution])).toEqual([
      ["Investigating", false, null],
      ["Investigating", false, null],
    ]);
    const [recurring] = built.probableCauses;
    expect(recurring?.title).toBe(
      "Recurring: 2 similar incidents in the past 30 days; no resolution of them is recorded",
    );
    const markdown = findingsMarkdown(built);
    expect(markdown).not.toMatch(/resolved one|Resolved:|Suspected|Opened from an alert/);
    expect(markdown).toContain("(Investigating; not resolved)");
    expect(built.suggestedNextSteps.some((step) => step.includes("was resolved"))).toBe(false);
  });

  it("never draws on a private incident: a public one worded alike gets nothing of its root cause", async () => {
    const ROOT_CAUSE = "A contractor's laptop held the pool credentials; rotated them.";
    await world.mirror({
      ...worldIncident({
        name: "Payments API failing: database connection pool exhausted by a leaked credential",
        services: ["Payments API"],
        daysAgo: 4,
        resolvedAfterHours: 1,
        summary: `Pool exhausted.\n\n${ROOT_CAUSE}`,
      }),
      visibility: "private",
    });
    const incident = worldIncident({ name: POOL, services: ["Payments API"] });
    await world.mirror(incident);
    const built = await report(incident);
    expect(built.similarIncidents).toEqual([]);
    const markdown = findingsMarkdown(built);
    expect(markdown).not.toContain("contractor");
    expect(markdown).not.toContain("leaked credential");
    expect(JSON.stringify(built)).not.toContain("contractor");
  });

  it("suggests rolling back the deploy, the service's runbook and dashboard, and how the last one was fixed", async () => {
    const incident = await paymentsOutage();
    const built = await report(incident);
    const steps = built.suggestedNextSteps;
    expect(steps[0]).toBe(
      `Roll back the deploy to payments-api (v2.14.0) by alice, 25 min before ${incident.reference}, and watch whether the symptoms stop: https://github.com/acme/payments-api/deployments/881`,
    );
    expect(steps).toContain(
      "Follow the runbook for payments-api: https://runbooks.acme.example/payments-api",
    );
    expect(steps).toContain(
      "Check the dashboard for payments-api: https://grafana.acme.example/d/payments-api",
    );
    expect(steps.some((step) => step.startsWith("Look at how INC-") && step.includes(CAUSE))).toBe(true);
    expect(steps.some((step) => step.includes("ledger"))).toBe(false);
  });

  it("says it all in the summary paragraph, with priority and lead, and is the same every time", async () => {
    const incident = await paymentsOutage();
    const first = await report(incident);
    expect(first.incident).toMatchObject({
      reference: incident.reference,
      priority: "P0",
      severity: { name: "Critical", rank: 3 },
    });
    expect(first.summary).toContain("(Critical, P0; Investigating)");
    expect(first.summary).toContain("affecting payments-api");
    expect(first.summary).toContain("Incident Lead: Alice <alice@acme.example>");
    expect(first.summary).toContain(
      "Found 2 changes in the 4 h before (newest: deploy to payments-api 25 min before the incident)",
    );
    expect(first.summary).toContain(
      "Most likely cause (high confidence): Deploy to payments-api 25 min before the incident.",
    );
    expect(await report(incident)).toEqual(first);
  });

  it("finds nothing to blame for an incident with no service, no change and no past, and says what to do", async () => {
    const lonely = worldIncident({ name: "Mystery latency on the status page", services: [] });
    await world.mirror(lonely);
    const built = await report(lonely);
    expect(built.probableCauses).toEqual([]);
    expect(built.similarIncidents).toEqual([]);
    expect(built.changes).toEqual([]);
    expect(built.summary).toContain("Nothing found points to a cause yet.");
    expect(built.suggestedNextSteps).toEqual([
      `Name the affected service in the "${WORLD_FIELD}" field, so recent changes, runbooks and dashboards can be found`,
    ]);
  });
});

describe("findingsMarkdown", () => {
  it("renders every section with links, and folds line breaks a hostile name could use", async () => {
    const incident = await paymentsOutage();
    const built = await report(incident);
    const markdown = findingsMarkdown(built);
    expect(markdown).toContain(
      "**Probable causes**\n1. Deploy to payments-api 25 min before the incident (high confidence)",
    );
    expect(markdown).toContain("([link](https://github.com/acme/payments-api/deployments/881))");
    expect(markdown).toMatch(
      /\*\*Similar incidents\*\*\n- \[INC-\d+\]\(https:\/\/app\.incident\.io\/acme\/incidents\/\d+\)/,
    );
    expect(markdown).toContain(
      "- deploy to payments-api 25 min before the incident: v2.14.0 by alice ([view](https://github.com/acme/payments-api/deployments/881))",
    );
    expect(markdown).toContain("**Suggested next steps**\n1. Roll back the deploy");
    const hostile = {
      ...built,
      probableCauses: [{ title: "x\n# owned\n- fake", confidence: "low" as const, evidence: [] }],
    };
    expect(findingsMarkdown(hostile)).toContain("1. x # owned - fake (low confidence)");
  });

  it("makes a change's outside text inert: no phishing link, no tracking image, no link that ends early", async () => {
    const built = await report(await paymentsOutage());
    const [change] = built.changes;
    if (!change) throw new Error("the outage has a change");
    const hostile = {
      ...built,
      changes: [
        {
          ...change,
          description:
            "Fixed it, [sign in again](https://evil.example/login) ![x](https://evil.example/t.gif)",
          author: "<img src=https://evil.example/a.png> *bob*",
          link: "https://github.com/acme/payments-api/pull/1)[Log in](https://evil.example",
        },
      ],
    };
    const markdown = findingsMarkdown(hostile);
    expect(markdown).toContain(
      ": Fixed it, \\[sign in again\\](https://evil.example/login) !\\[x\\](https://evil.example/t.gif) by \\<img src=https://evil.example/a.png\\> \\*bob\\* ([view](https://github.com/acme/payments-api/pull/1%29[Log%20in]%28https://evil.example))",
    );
    expect(
      findingsMarkdown({ ...hostile, changes: [{ ...change, link: "javascript:alert(1)" }] }),
    ).not.toContain("javascript:");
  });
});

describe("withoutFindings", () => {
  it("drops the blocks incidentkit appended and keeps what people wrote, other tools' blocks included", () => {
    const ours = (at: string) =>
      `\n\n---\n**incidentkit investigation** · ${at} · incidentkit\n\nFound 2 changes.\n\n**Probable causes**\n1. Deploy\n`;
    const theirs = "\n\n---\n**Root cause** · 2026-06-30T13:00:00.000Z · OpenSRE\n\nThe pool size.\n";
    const summary = `Checkout times out.${ours("2026-06-30T12:01:00.000Z")}${theirs}${ours("2026-06-30T14:00:00.000Z")}`;
    expect(withoutFindings(summary)).toBe(
      "Checkout times out.\n\n---\n**Root cause** · 2026-06-30T13:00:00.000Z · OpenSRE\n\nThe pool size.",
    );
    expect(withoutFindings(ours("2026-06-30T12:01:00.000Z").trim())).toBeNull();
    expect(withoutFindings("Nothing of ours.")).toBe("Nothing of ours.");
  });
});
