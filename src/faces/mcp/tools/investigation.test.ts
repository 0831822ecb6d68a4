import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IncidentIo } from "../../../api/index.js";
import {
  claimAutoInvestigation,
  markPublished,
  saveReport,
} from "../../../investigate/investigation/index.js";
import {
  type InvestigationWorld,
  startInvestigationWorld,
  worldIncident,
} from "../../../investigate/investigation/testing.js";
import { sampleReport } from "../../../notify/testing/report-fixture.js";
import { openSession } from "../../../ops/index.js";
import { createMcpServer } from "../server.js";

let world: InvestigationWorld;
let client: Client;
let close: () => Promise<void>;

beforeEach(async () => {
  world = await startInvestigationWorld();
  // The tool reads the hub's database only: a session that could not reach incident.io proves it. It answers
  // about its own account, the one the world's incidents are mirrored from.
  const session = openSession(
    new IncidentIo({ apiKey: "unused-key-0000", baseUrl: "http://127.0.0.1:9", maxRetries: 0 }),
    { alias: "prod" },
  );
  const server = createMcpServer(session, {
    hub: { directory: world.directory, store: world.store, clock: world.clock },
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: "investigation-test", version: "0.0.0" });
  await client.connect(clientSide);
  close = async () => {
    await client.close();
    await server.close();
  };
});
afterEach(async () => {
  await close();
  await world.close();
});

const call = async (args: Record<string, unknown>) =>
  (await client.callTool({ name: "get_investigation", arguments: args })) as CallToolResult;
const text = (result: CallToolResult) => (result.content[0] as { text: string }).text;

describe("get_investigation", () => {
  it("returns the latest stored report of an incident by its reference, with what it was published to", async () => {
    const incident = worldIncident({ name: "Payments API failing", services: ["Payments API"] });
    await world.mirror(incident);
    const { investigation } = await claimAutoInvestigation(world.store, incident, incident.createdAt);
    await saveReport(world.store, investigation.id, sampleReport());
    await markPublished(world.store, investigation.id, "summary", "2026-06-30T12:00:05.000Z");
    const result = await call({ incident: incident.reference });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      investigation: {
        trigger: "auto",
        report: { summary: sampleReport().summary },
        published: { summary_appended_at: "2026-06-30T12:00:05.000Z", slack_posted_at: null },
        errors: [],
      },
    });
    expect(result.structuredContent?.investigation).toHaveProperty(
      ["report", "probableCauses", 0, "title"],
      "Deploy of payments-api v2.14.0 lowered the pool size",
    );
    expect(text(result)).toContain(
      "1. Deploy of payments-api v2.14.0 lowered the pool size (high confidence)",
    );
  });

  it("says so when the incident was never investigated", async () => {
    const incident = worldIncident({ name: "Search slow", services: ["Search"] });
    await world.mirror(incident);
    const result = await call({ incident: incident.id });
    expect(result.structuredContent).toEqual({ investigation: null });
    expect(text(result)).toBe(
      `${incident.reference} has not been investigated yet (run incidentkit investigate ${incident.reference}).`,
    );
  });
});
