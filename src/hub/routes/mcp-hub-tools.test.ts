import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { quietLogger } from "../../../test/support/quiet-logger.js";
import { rulesFrom } from "../../alerts/rules/testing.js";
import { IncidentIo } from "../../api/index.js";
import { testSnapshot } from "../../emulator/testing.js";
import { connectTools, sessionOn } from "../../faces/mcp/testing.js";
import { recordChange } from "../../investigate/changes/index.js";
import { upsertMirroredIncident } from "../../mirror/index.js";
import { mirroredIncident } from "../../mirror/testing.js";
import { openSession } from "../../ops/index.js";
import { ManualClock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";
import { openTestStore } from "../../store/testing/databases.js";
import { loadHubConfig } from "../config.js";
import { createHub, type Hub } from "../create-hub.js";
import { ADMIN_TOKEN, TEST_RULES } from "../testing.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse("2026-06-30T12:00:00Z");

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api, title: Payments API }
spec: { type: service, owner: group:payments, dependsOn: [component:ledger] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger, title: Ledger }
spec: { type: service, owner: group:payments }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team }
`;

let t: TestEmulator;
let store: Store;
let hub: Hub;
let client: Client;
let dir: string;

const severity = (name: string, rank: number) => ({ id: `sev-${rank}`, name, rank });

async function seed(): Promise<void> {
  const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
  const incidents = [
    // Resolved in 1 h, 3 h and 8 h: mean 4 h, median 3 h, p95 8 h (nearest rank).
    {
      id: "INC1",
      daysAgo: 30,
      hours: 1,
      sev: severity("Major", 2),
      name: "Payments API connection pool exhausted",
    },
    { id: "INC2", daysAgo: 20, hours: 3, sev: severity("Major", 2), name: "Ledger writes slow" },
    { id: "INC3", daysAgo: 10, hours: 8, sev: severity("Major", 2), name: "Payments API 5xx after deploy" },
    {
      id: "INC4",
      daysAgo: 5,
      hours: 2,
      sev: severity("Critical", 3),
      name: "Payments API connection pool exhausted again",
    },
    { id: "INC5", daysAgo: 200, hours: 1, sev: severity("Critical", 3), name: "Old payments outage" },
  ];
  for (const [index, made] of incidents.entries()) {
    const created = at(made.daysAgo);
    await upsertMirroredIncident(
      store.db,
      mirroredIncident(
        { services: [made.id === "INC2" ? "Ledger" : "Payments API"] },
        {
          id: made.id,
          reference: `INC-${index + 1}`,
          name: made.name,
          severity: made.sev,
          createdAt: created,
          updatedAt: created,
          resolvedAt: new Date(Date.parse(created) + made.hours * HOUR).toISOString(),
        },
      ),
      {},
      new Date(NOW).toISOString(),
    );
  }
  const incident4 = NOW - 5 * DAY;
  const clock = new ManualClock(NOW);
  const change = (service: string, happenedAt: number, description: string) =>
    recordChange(
      store,
      { service, kind: "deploy", description, happenedAt: new Date(happenedAt).toISOString() },
      { source: "api", clock },
    );
  await change("payments-api", incident4 - 30 * 60_000, "payments-api v12");
  await change("ledger", incident4 - 3 * HOUR, "ledger v3");
  await change("payments-api", incident4 - 6 * HOUR, "payments-api v11, too early");
  await change("payments-api", NOW - 2 * HOUR, "payments-api v13");
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-mcp-hub-"));
  mkdirSync(join(dir, "catalog"));
  writeFileSync(join(dir, "catalog", "catalog-info.yaml"), CATALOG);
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot(), listen: true });
  store = await openTestStore();
  await seed();
  const config = loadHubConfig(
    [
      "listen: { host: 127.0.0.1, port: 0 }",
      "mirror: { enabled: false }",
      `catalog: { dir: ${JSON.stringify(join(dir, "catalog"))}, field: Affected services }`,
      "sources:",
      "  generic: { token_env: GEN }",
    ].join("\n"),
    join(dir, "hub.yaml"),
    { env: { GEN: "generic-token-0123456789", HUB_ADMIN_TOKEN: ADMIN_TOKEN }, dataDir: dir },
  );
  const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, maxRetries: 0, rateLimit: false });
  hub = createHub({
    logger: quietLogger(),
    config,
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io, { alias: "prod" }),
    clock: new ManualClock(NOW),
  });
  const url = await hub.start();
  client = new Client({ name: "hub-tools-test", version: "0.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
    }),
  );
});

afterAll(async () => {
  await client?.close();
  await hub?.close();
  await store?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
// biome-ignore lint/suspicious/noExplicitAny: tests read each tool's structured content
const data = (result: CallToolResult): any => result.structuredContent;

describe("the hub's state tools on POST /mcp", () => {
  it("lists them as read-only tools with their parameters", async () => {
    const { tools } = await client.listTools();
    for (const name of ["find_similar_incidents", "list_recent_changes", "get_mttr", "get_investigation"]) {
      const tool = tools.find((candidate) => candidate.name === name);
      expect(tool?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(tool?.description?.length).toBeGreaterThan(80);
    }
    const similar = tools.find((tool) => tool.name === "find_similar_incidents");
    expect(Object.keys(similar?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(["incident", "text", "services", "similarity_threshold", "time_range", "limit"]),
    );
  });

  it("find_similar_incidents ranks past incidents with score, reasons and resolution", async () => {
    const result = await call("find_similar_incidents", { incident: "INC-4" });
    expect(result.isError).toBeFalsy();
    const [best] = data(result).results;
    expect(best).toMatchObject({ reference: "INC-1", name: "Payments API connection pool exhausted" });
    expect(best.score).toBeGreaterThanOrEqual(0.5);
    expect(best.reasons).toContain("same service: Payments API");
    expect(best.reasons.join(" ")).toMatch(/shared terms: .*connection pool exhausted/);
    expect(best.resolution).toMatchObject({ status: "Closed", time_to_resolve_seconds: 3600 });
    const references = data(result).results.map((r: { reference: string }) => r.reference);
    expect(references).not.toContain("INC-4");
    const recent = await call("find_similar_incidents", { incident: "INC-4", time_range: "7d" });
    expect(data(recent).results).toEqual([]);
    const byText = await call("find_similar_incidents", {
      text: "connection pool exhausted",
      services: ["payments-api"],
      similarity_threshold: 0.3,
      limit: 2,
    });
    expect(data(byText).results).toHaveLength(2);
  });

  it("list_recent_changes gives an incident's correlated changes, or a service's recent ones", async () => {
    const correlated = await call("list_recent_changes", { incident: "INC-4" });
    expect(correlated.isError).toBeFalsy();
    expect(data(correlated).changes.map((c: { reason: string }) => c.reason)).toEqual([
      "deploy to payments-api 30 min before",
      "deploy to ledger (a dependency of payments-api) 3 h before",
    ]);
    const recent = await call("list_recent_changes", { service: "Payments API", since: "1d" });
    expect(data(recent).changes.map((c: { description: string }) => c.description)).toEqual([
      "payments-api v13",
    ]);
  });

  it("get_mttr gives time to resolve by severity with priorities, and by service", async () => {
    const bySeverity = data(await call("get_mttr", { by: "severity", since: "90d" }));
    expect(bySeverity.rows).toEqual([
      expect.objectContaining({ label: "Critical", priority: "P0", resolved: 1, meanSeconds: 2 * 3600 }),
      expect.objectContaining({
        label: "Major",
        priority: "P1",
        resolved: 3,
        meanSeconds: 4 * 3600,
        medianSeconds: 3 * 3600,
        p95Seconds: 8 * 3600,
      }),
    ]);
    const byService = data(await call("get_mttr", { by: "service" }));
    expect(byService.rows.map((r: { label: string; resolved: number }) => [r.label, r.resolved])).toEqual([
      ["Payments API", 3],
      ["Ledger", 1],
    ]);
  });

  it("answers a bad argument or an unknown incident with a structured error", async () => {
    const unknown = await call("list_recent_changes", { incident: "INC-999" });
    expect(unknown.isError).toBe(true);
    expect(data(unknown).error).toMatchObject({ code: "not_found", retryable: false });
    const badSince = await call("get_mttr", { since: "ninety days" });
    expect(data(badSince).error).toMatchObject({ code: "invalid_argument" });
    const nothing = await call("find_similar_incidents", {});
    expect(data(nothing).error.code).toBe("invalid_argument");
  });
});

describe("an MCP server without the hub's state", () => {
  it("leaves the hub's tools out and says why in its instructions", async () => {
    const bare = await connectTools(sessionOn(t, t.adminKey));
    try {
      const names = (await bare.client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain("list_incidents");
      for (const name of ["find_similar_incidents", "list_recent_changes", "get_mttr", "get_investigation"]) {
        expect(names).not.toContain(name);
      }
      expect(bare.client.getInstructions()).toMatch(
        /find_similar_incidents, list_recent_changes, get_mttr, get_investigation are not available: they read the hub's database/,
      );
    } finally {
      await bare.close();
    }
  });
});
