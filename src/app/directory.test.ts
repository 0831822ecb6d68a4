import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type MirroredIncident, upsertMirroredIncident } from "../mirror/index.js";
import { mirroredIncident } from "../mirror/testing.js";
import { ManualClock } from "../shared/clock.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { DirectoryError, ServiceDirectory } from "./directory.js";
import { requireMirroredIncident } from "./mirrored-incident.js";

const NOW = Date.parse("2026-06-30T12:00:00Z");
let dir: string;
let store: Store;
let clock: ManualClock;

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments-team }
spec: { type: team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api, title: Payments API }
spec: { type: service, lifecycle: production, owner: group:payments-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search, title: Search }
spec: { type: service, lifecycle: production, owner: group:payments-team }
`;

const SCORECARD = `
name: Reliability
filter: { kinds: [Component] }
levels:
  - name: Bronze
    rules:
      - name: Mapped
        expression: has_mapping
  - name: Silver
    rules:
      - name: Few major incidents
        expression: count(incidents where severity >= "Major" and created within 90d) <= 2
`;

function incident(
  service: string,
  severity: { name: string; rank: number },
  daysAgo: number,
): MirroredIncident {
  return mirroredIncident(
    { services: [service], daysAgo, now: NOW },
    { severity: { id: `sev-${severity.name}`, ...severity } },
  );
}
const MAJOR = { name: "Major", rank: 2 };
const MINOR = { name: "Minor", rank: 1 };
const mirror = (item: MirroredIncident) =>
  upsertMirroredIncident(store.db, item, {}, new Date(clock.now()).toISOString());

function open() {
  return ServiceDirectory.open({
    store,
    clock,
    catalog: { dir: join(dir, "catalog"), field: "Affected services" },
    scorecards: join(dir, "reliability.yaml"),
    account: "prod",
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-directory-"));
  mkdirSync(join(dir, "catalog"));
  writeFileSync(join(dir, "catalog", "catalog-info.yaml"), CATALOG);
  writeFileSync(join(dir, "reliability.yaml"), SCORECARD);
  store = await openTestStore();
  clock = new ManualClock(NOW);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ServiceDirectory", () => {
  it("maps mirrored incidents to their services and grades each service", async () => {
    await mirror(incident("Payments API", MAJOR, 10));
    await mirror(incident("payments api", MAJOR, 20));
    await mirror(incident("Payments API", MAJOR, 30));
    await mirror(incident("Search", MINOR, 5));
    const snapshot = await open().current();
    expect(snapshot.byEntity.get("component:default/payments-api")).toHaveLength(3);
    expect(snapshot.byEntity.get("component:default/search")).toHaveLength(1);
    const [reliability] = snapshot.scorecards;
    const levels = Object.fromEntries(reliability?.entities.map((e) => [e.entity, e.level]) ?? []);
    expect(levels).toEqual({
      "component:default/payments-api": "Bronze",
      "component:default/search": "Silver",
    });
    expect(snapshot.severities.map((s) => s.name)).toEqual(["Minor", "Major"]);
  });

  it("sees incidents mirrored after it opened, and recomputes only then", async () => {
    const directory = open();
    await mirror(incident("Search", MAJOR, 1));
    const first = await directory.current();
    expect(await directory.current()).toBe(first);
    clock.advance(1_000);
    await mirror(incident("Search", MAJOR, 2));
    await mirror(incident("Search", MAJOR, 3));
    const second = await directory.current();
    expect(second).not.toBe(first);
    expect(second.byEntity.get("component:default/search")).toHaveLength(3);
    const search = second.scorecards[0]?.entities.find((e) => e.entity === "component:default/search");
    expect(search?.level).toBe("Bronze");
    expect(search?.nextLevel?.failing[0]?.explanation).toBe(
      "3 incidents of severity >= Major in the past 90 days; at most 2 allowed",
    );
  });

  it("finds similar past incidents, including ones mirrored after the last look", async () => {
    const directory = open();
    const pool = (services: string[], daysAgo: number, name: string) =>
      mirror(mirroredIncident({ services, daysAgo, now: NOW }, { name }));
    await pool(["Payments API"], 30, "Payments API connection pool exhausted");
    await pool(["Search"], 20, "Search index rebuild slow");
    await directory.current();
    await pool(["Payments API"], 3, "Connection pool exhausted on payments api");
    const query = mirroredIncident(
      { services: ["Payments API"], daysAgo: 0, now: NOW },
      { name: "Payments API: connection pool exhausted again" },
    );
    const { results } = await directory.findSimilar({ incident: query }, { similarityThreshold: 0.3 });
    expect(results.map((result) => result.incident.name)).toEqual([
      "Connection pool exhausted on payments api",
      "Payments API connection pool exhausted",
    ]);
    expect(results[0]?.reasons.map((reason) => reason.text)).toContain("same service: Payments API");
  });

  it("keeps private incidents out of everything it derives, and withdraws one made private", async () => {
    const directory = open();
    const privately = mirroredIncident(
      { services: ["Payments API"], daysAgo: 10, now: NOW },
      { name: "Payments API card data exposed to a vendor", visibility: "private", reference: "INC-7" },
    );
    const publicly = mirroredIncident(
      { services: ["Payments API"], daysAgo: 20, now: NOW },
      { name: "Payments API card data slow to load", reference: "INC-8" },
    );
    await mirror(privately);
    await mirror(publicly);
    const query = mirroredIncident(
      { services: ["Payments API"], daysAgo: 0, now: NOW },
      { name: "Payments API card data exposed again" },
    );
    const similar = async () =>
      (await directory.findSimilar({ incident: query }, { similarityThreshold: 0 })).results.map(
        (result) => result.incident.reference,
      );
    expect(await similar()).toEqual(["INC-8"]);
    expect([...directory.incidents()].map((incident) => incident.reference)).toEqual(["INC-8"]);
    expect((await directory.current()).byEntity.get("component:default/payments-api")).toHaveLength(1);
    await expect(requireMirroredIncident(directory, "INC-7")).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("INC-7 is private"),
    });

    clock.advance(10_000);
    await mirror({ ...publicly, visibility: "private", updatedAt: new Date(clock.now()).toISOString() });
    expect(await similar()).toEqual([]);
    expect((await directory.current()).byEntity.get("component:default/payments-api") ?? []).toHaveLength(0);
  });

  it("leaves out an entity with an error and keeps the rest, the error named with its file and line", () => {
    writeFileSync(
      join(dir, "catalog", "broken.yaml"),
      "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: orphan }\nspec: { type: service }\n",
    );
    const directory = open();
    expect(directory.entity("component:default/orphan")).toBeUndefined();
    expect(directory.entity("component:default/payments-api")).toBeDefined();
    expect(directory.catalog.problems).toContainEqual(
      expect.objectContaining({
        severity: "error",
        file: join(dir, "catalog", "broken.yaml"),
        field: "spec.owner",
      }),
    );
  });

  it("refuses scorecards with errors", () => {
    writeFileSync(join(dir, "reliability.yaml"), "name: Reliability\nlevels: nope\n");
    expect(open).toThrow(DirectoryError);
  });
});
