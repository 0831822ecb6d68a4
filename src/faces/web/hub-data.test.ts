import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acceptAlerts } from "../../alerts/index.js";
import { parseAlerts } from "../../alerts/intake/index.js";
import { rulesFrom } from "../../alerts/rules/testing.js";
import { intakeBatch } from "../../alerts/testing/batch.js";
import { IncidentIo } from "../../api/index.js";
import { named } from "../../emulator/testing.js";
import { recordLevels } from "../../scorecards/levels-store.js";
import { DeclareError, type DeclareInput } from "./model.js";
import { CHECKOUT, type HubWorld, PAYMENTS, SEARCH, severityOf, startHubWorld } from "./testing/hub-world.js";

/** Checkout's history: three live incidents, a live test one, a declined one and 22 resolved Majors. */
async function seedCheckout(world: HubWorld): Promise<void> {
  const live = { id: "st-live", name: "Fixing", category: "live" };
  const sev = (name: string) => severityOf(world.snapshot, name);
  await world.mirrorIncident({ daysAgo: 1, severity: sev("Critical"), status: live, resolvedAt: null });
  await world.mirrorIncident({ daysAgo: 2, severity: sev("Minor"), status: live, resolvedAt: null });
  await world.mirrorIncident({ daysAgo: 3, severity: sev("Minor"), status: live, resolvedAt: null });
  await world.mirrorIncident({
    daysAgo: 0.5,
    name: "Game day drill",
    severity: sev("Critical"),
    status: live,
    resolvedAt: null,
    mode: "test",
  });
  await world.mirrorIncident({
    daysAgo: 5,
    status: { id: "st-declined", name: "Declined", category: "declined" },
    resolvedAt: null,
  });
  for (let day = 10; day <= 220; day += 10) await world.mirrorIncident({ daysAgo: day });
}

describe("HubWebData reading the hub's catalog, mirror and scorecards", () => {
  let world: HubWorld;
  beforeAll(async () => {
    world = await startHubWorld();
    await seedCheckout(world);
  });
  afterAll(() => world?.close());

  it("lists Components first, then Systems and Groups, with open incidents, worst severity, levels and mapping", async () => {
    const model = await world.data.services();
    expect(model.services.map((s) => s.ref)).toEqual([
      CHECKOUT,
      PAYMENTS,
      SEARCH,
      "system:default/shop",
      "group:default/shop-team",
    ]);
    const [checkout, payments, search, shop] = model.services;
    expect(checkout).toMatchObject({
      openIncidents: 4,
      worstOpenSeverity: { name: "Critical", rank: 3 },
      scorecards: [{ scorecard: "Reliability", level: "Bronze" }],
      mapping: { state: "mapped", account: "prod", value: "checkout" },
      owner: { name: "Shop team", ref: "group:default/shop-team" },
      system: { name: "Shop", ref: "system:default/shop" },
    });
    expect(payments).toMatchObject({ openIncidents: 0, worstOpenSeverity: null });
    expect(search?.mapping).toEqual({ state: "unmapped", account: "prod", value: null });
    expect(search?.scorecards).toEqual([{ scorecard: "Reliability", level: null, score: 0.5 }]);
    // A System shows its Components' incidents.
    expect(shop).toMatchObject({ kind: "System", openIncidents: 4, mapping: { state: "mapped" } });
    expect(model.severities.map((s) => s.name)).toEqual(["Minor", "Major", "Critical"]);
  });

  it("builds a service page: active incidents, paged history, MTTR of real incidents, chart, scorecards, form", async () => {
    const page = await world.data.service(CHECKOUT, { historyPage: 1 });
    if (!page) throw new Error("checkout has a page");
    expect(page.activeIncidents[0]?.name).toBe("Game day drill");
    expect(page.activeIncidents).toHaveLength(4);
    expect(page.activeIncidents[0]).toMatchObject({
      mode: "test",
      services: [{ name: "Checkout", ref: CHECKOUT }],
    });
    expect(page.history).toMatchObject({ page: 1, pageSize: 20, total: 27 });
    expect(page.history.items).toHaveLength(20);
    const second = await world.data.service(CHECKOUT, { historyPage: 2 });
    expect(second?.history.items).toHaveLength(7);
    expect(second?.history.items.at(-1)?.createdAt).toBe(
      new Date(world.now - 220 * 86_400_000).toISOString(),
    );
    // Resolved in the past 90 days: days 10..90; the test and declined incidents are left out.
    expect(page.mttr).toMatchObject({ resolved: 9, open: 3, meanSeconds: 7200, medianSeconds: 7200 });
    expect(page.incidentsPerMonth.months).toHaveLength(6);
    // The chart counts real incidents (the three live ones and the resolved Majors), not the test or declined one.
    const firstMonth = `${page.incidentsPerMonth.months[0]?.month}-01T00:00:00.000Z`;
    const days = [1, 2, 3, ...Array.from({ length: 22 }, (_, i) => 10 * (i + 1))];
    const expected = days.filter((d) => new Date(world.now - d * 86_400_000).toISOString() >= firstMonth);
    const charted = page.incidentsPerMonth.months.flatMap((m) => Object.values(m.counts));
    expect(charted.reduce((sum, n) => sum + n, 0)).toBe(expected.length);
    const [card] = page.scorecards;
    expect(card).toMatchObject({
      name: "Reliability",
      description: "Held to incident standards.",
      level: "Bronze",
    });
    expect(card?.nextLevel?.failing[0]).toMatchObject({
      name: "Few major incidents",
      hint: "Review the follow-ups.",
    });
    expect(card?.nextLevel?.failing[0]?.explanation).toMatch(/in the past 90 days; at most 2 allowed/);
    expect(page.declare.customField).toEqual({ name: "Service", value: "checkout" });
    expect(page.declare.severities.map((s) => s.name)).toEqual(["Minor", "Major", "Critical"]);
    expect(page.declare.severities[0]?.id).toBe(named(world.snapshot.severities, "Minor").id);
    expect(page.links).toEqual([{ title: "Runbook", url: "https://runbooks.example.com/checkout" }]);
    expect(page.dependsOn).toEqual([
      { name: "Payments", ref: PAYMENTS, url: "/services/component%3Adefault%2Fpayments" },
    ]);
    expect(await world.data.service("component:default/nothing", { historyPage: 1 })).toBeUndefined();
  });

  it("says since when a service holds its scorecard level, as recorded, only while the live level is the same", async () => {
    const at = (hours: number) => world.now - hours * 3_600_000;
    const reliability = (levels: Record<string, string | null>) => [
      {
        scorecard: "Reliability",
        file: "reliability.yaml",
        levels: ["Bronze", "Silver"],
        entities: Object.entries(levels).map(([entity, level]) => ({
          entity,
          level,
          levelIndex: level === "Silver" ? 1 : level === "Bronze" ? 0 : -1,
          score: 0.5,
          rules: [],
          nextLevel: null,
        })),
        problems: [],
      },
    ];
    await recordLevels(world.store, reliability({ [CHECKOUT]: "Silver", [SEARCH]: "Bronze" }), at(48));
    await recordLevels(world.store, reliability({ [CHECKOUT]: "Bronze", [SEARCH]: "Bronze" }), at(24));
    const checkout = await world.data.service(CHECKOUT, { historyPage: 1 });
    expect(checkout?.scorecards[0]).toMatchObject({
      level: "Bronze",
      since: { at: new Date(at(24)).toISOString(), previous: "Silver" },
    });
    // Search has no level now: the recorded Bronze is out of date, so nothing is said of since when.
    const search = await world.data.service(SEARCH, { historyPage: 1 });
    expect(search?.scorecards[0]?.level).toBeNull();
    expect(search?.scorecards[0]?.since).toBeUndefined();
  });

  it("filters the incidents list over the mirror, newest first", async () => {
    const all = await world.data.incidents({ page: 1 });
    expect(all.mirrored).toBe(27);
    expect(all.results).toMatchObject({ total: 27, pageSize: 25 });
    expect(all.results.items[0]?.name).toBe("Game day drill");
    const live = await world.data.incidents({ page: 1, statusCategory: "live", severity: "minor" });
    expect(live.results.total).toBe(2);
    const text = await world.data.incidents({ page: 1, text: "game DAY" });
    expect(text.results.items.map((i) => i.name)).toEqual(["Game day drill"]);
    const none = await world.data.incidents({ page: 1, service: PAYMENTS });
    expect(none.results.total).toBe(0);
    const recent = await world.data.incidents({
      page: 1,
      createdFrom: new Date(world.now - 4 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(recent.results.total).toBe(4);
    expect(all.options.services.map((s) => s.name)).toContain("Shop (System)");
  });

  it("shows alerts with their decision and their call to incident.io", async () => {
    const rules = rulesFrom(
      "rules:\n  - name: page\n    match: { severity: [critical] }\n    action: open_incident\n    incident: { severity: Critical }\n",
    );
    const body = { dedup_key: "db", status: "firing", title: "DB down", severity: "critical" };
    const parsed = parseAlerts("generic", "grafana", body);
    if (!parsed.ok) throw new Error("the alert parses");
    await acceptAlerts(
      world.store,
      rules,
      intakeBatch("grafana", parsed.events, { format: "grafana" }),
      new Date(world.now),
    );
    const model = await world.data.alerts({ source: null, limit: 10 });
    expect(model.sources).toEqual(["grafana", "prometheus"]);
    expect(model.alerts).toHaveLength(1);
    expect(model.alerts[0]).toMatchObject({
      source: "grafana",
      title: "DB down",
      decision: "open_incident",
      rule: "page",
      delivery: { state: "pending" },
    });
    expect((await world.data.alerts({ source: "prometheus", limit: 10 })).alerts).toEqual([]);
  });

  it("shows each mirrored account's sync, including one whose first sync has not run", async () => {
    const before = await world.data.sync();
    expect(before.accounts).toEqual([
      expect.objectContaining({ account: "prod", inProgress: true, lastSuccessAt: null }),
    ]);
    await world.mirror.sync("prod");
    const after = await world.data.sync();
    expect(after.accounts[0]).toMatchObject({
      account: "prod",
      inProgress: false,
      failing: false,
      incidents: 27,
    });
    expect(after.accounts[0]?.lastSuccessAt).not.toBeNull();
  });
});

describe("declaring an incident from a service page", () => {
  let world: HubWorld;
  beforeEach(async () => {
    world = await startHubWorld();
    await seedCheckout(world);
  });
  afterEach(() => world?.close());

  const input = (entityRef: string, overrides: Partial<DeclareInput> = {}): DeclareInput => ({
    entityRef,
    name: "Checkout returning 5xx",
    summary: "Error rate above 2% since 14:02.",
    severity: named(world.snapshot.severities, "Major").id,
    mode: "standard",
    idempotencyKey: `web-test-${entityRef}`,
    ...overrides,
  });
  const serviceOf = (incident: {
    custom_field_entries: Array<{
      custom_field_id: string;
      values: Array<{ value_catalog_entry_id?: string }>;
    }>;
  }) =>
    incident.custom_field_entries
      .find((e) => e.custom_field_id === named(world.snapshot.custom_fields, "Service").id)
      ?.values.map(
        (v) => world.snapshot.catalog_entries.find((c) => c.id === v.value_catalog_entry_id)?.name,
      );

  it("opens it with the service's catalog entry, and it is on the page at once; the same form twice opens one", async () => {
    await world.data.service(CHECKOUT, { historyPage: 1 });
    const declared = await world.data.declareIncident(input(CHECKOUT));
    expect(declared.reference).toMatch(/^INC-\d+$/);
    expect(declared.created).toBe(true);
    const created = world.t.emulator.incidents();
    expect(created).toHaveLength(1);
    expect(serviceOf(created[0] as never)).toEqual(["checkout"]);
    expect(created[0]).toMatchObject({ name: "Checkout returning 5xx", mode: "standard" });
    const page = await world.data.service(CHECKOUT, { historyPage: 1 });
    const shown = page?.activeIncidents.find((i) => i.reference === declared.reference);
    expect(shown).toMatchObject({ name: "Checkout returning 5xx", severity: { name: "Major" } });
    expect(await world.data.declareIncident(input(CHECKOUT))).toEqual({ ...declared, created: false });
    expect(world.t.emulator.incidents()).toHaveLength(1);
  });

  it("uses the annotation's value for a service with no incidents yet, in test mode", async () => {
    const declared = await world.data.declareIncident(input(PAYMENTS, { mode: "test" }));
    const [created] = world.t.emulator.incidents();
    expect(serviceOf(created as never)).toEqual(["payments"]);
    expect(created?.mode).toBe("test");
    const page = await world.data.service(PAYMENTS, { historyPage: 1 });
    expect(page?.activeIncidents.map((i) => i.reference)).toEqual([declared.reference]);
    expect(page?.mapping.state).toBe("mapped");
  });

  it("explains that the service is no entry of the catalog-backed field, and opens nothing", async () => {
    const refused = await world.data.declareIncident(input(SEARCH)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeclareError);
    expect((refused as DeclareError).message).toMatch(
      /^The incident was not declared: "Service" has no catalog entry "search": /,
    );
    expect((refused as DeclareError).message).toContain("incidentkit.io/incident-field-value annotation");
    expect(world.t.emulator.incidents()).toHaveLength(0);
  });

  it("finds the service's entry by name in any case, once the catalog has one", async () => {
    const typeId = named(world.snapshot.catalog_types, "Service").id;
    const io = new IncidentIo({ apiKey: world.t.adminKey, baseUrl: world.t.url, fetch: world.t.fetch });
    const { catalog_entry: search } = await io.catalogEntries.create({
      catalog_type_id: typeId,
      name: "Search",
      external_id: "svc-search",
      attribute_values: {},
    });
    await world.data.declareIncident(input(SEARCH));
    const [created] = world.t.emulator.incidents();
    const field = named(world.snapshot.custom_fields, "Service").id;
    const values = created?.custom_field_entries.find((entry) => entry.custom_field_id === field)?.values;
    expect(values?.map((value) => value.value_catalog_entry_id)).toEqual([search.id]);
  });

  it("names the severity field when the severity is not the organisation's", async () => {
    const refused = await world.data
      .declareIncident(input(CHECKOUT, { severity: "no-such-severity" }))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeclareError);
    expect((refused as DeclareError).fields.severity).toMatch(/unknown severity "no-such-severity"/);
    expect(world.t.emulator.incidents()).toHaveLength(0);
  });
});
