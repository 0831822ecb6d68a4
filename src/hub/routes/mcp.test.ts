import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { quietLogger } from "../../../test/support/quiet-logger.js";
import { rulesFrom } from "../../alerts/rules/testing.js";
import { IncidentIo } from "../../api/index.js";
import { testSnapshot } from "../../emulator/testing.js";
import { openSession } from "../../ops/index.js";
import type { Store } from "../../store/index.js";
import { openTestStore } from "../../store/testing/databases.js";
import { createHub, type Hub, type HubConfig } from "../index.js";
import { ADMIN_TOKEN, PROM_TOKEN, TEST_RULES, testHubConfig } from "../testing.js";

let t: TestEmulator;
let store: Store;
let hub: Hub;
let url: string;

async function startHub(config: HubConfig) {
  const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, maxRetries: 0, rateLimit: false });
  hub = createHub({
    logger: quietLogger(),
    config,
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io),
  });
  url = await hub.start();
}

beforeEach(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot(), listen: true });
  store = await openTestStore();
});
afterEach(async () => {
  await hub.close();
  await store.close();
  await t.close();
});

const listTools = (token: string) =>
  fetch(`${url}/mcp`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
  });

describe("POST /mcp on the hub", () => {
  it("serves the MCP tools to the admin token, acting with the hub's incident.io account", async () => {
    await startHub(testHubConfig());
    const client = new Client({ name: "hub-test", version: "0.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      }),
    );
    try {
      const result = (await client.callTool({ name: "list_severities", arguments: {} })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      const text = result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
      expect(text).toContain("Critical");
    } finally {
      await client.close();
    }
  });

  it("refuses a source's token or a wrong token with 401", async () => {
    await startHub(testHubConfig());
    for (const token of [PROM_TOKEN, "wrong", `${ADMIN_TOKEN}x`]) {
      const response = await listTools(token);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("stays closed, saying how to open it, when no admin token is configured", async () => {
    const { adminToken: _token, ...withoutToken } = testHubConfig();
    await startHub(withoutToken);
    const response = await listTools(ADMIN_TOKEN);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/HUB_ADMIN_TOKEN/);
  });
});
