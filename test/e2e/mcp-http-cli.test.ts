/**
 * `incidentkit mcp --http` as a user runs it: a real process serving Streamable HTTP on loopback, reached with
 * the SDK's own client, against an emulator over real HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testSnapshot } from "../../src/emulator/testing.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";

const MAIN = new URL("../../src/faces/cli/main.ts", import.meta.url).pathname;
let t: TestEmulator;
let home: string;
let child: ChildProcess;
let endpoint: URL;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot(), listen: true });
  home = mkdtempSync(join(tmpdir(), "incidentkit-mcp-http-"));
  child = spawn(process.execPath, ["--import", "tsx", MAIN, "mcp", "--http", "--port", "0"], {
    env: {
      PATH: process.env.PATH ?? "",
      INCIDENTKIT_CONFIG: join(home, "config.json"),
      INCIDENT_IO_API_KEY: t.adminKey,
      INCIDENT_IO_BASE_URL: t.url,
    },
  });
  const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
  endpoint = await new Promise<URL>((resolve, reject) => {
    lines.on("line", (line) => {
      const url = /at (http:\/\/\S+)/.exec(line)?.[1];
      if (url) resolve(new URL(url));
    });
    child.once("exit", (code) => reject(new Error(`incidentkit mcp --http exited with ${code}`)));
  });
});

afterAll(async () => {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  await t.close();
  rmSync(home, { recursive: true, force: true });
});

it("serves the tools at /mcp on loopback to the SDK's client", async () => {
  expect(endpoint.pathname).toBe("/mcp");
  expect(endpoint.hostname).toBe("127.0.0.1");
  const client = new Client({ name: "incidentkit-e2e", version: "0.0.0" });
  await client.connect(new StreamableHTTPClientTransport(endpoint));
  try {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("declare_incident");
    const result = (await client.callTool({ name: "list_severities", arguments: {} })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.structuredContent)).toContain("Critical");
  } finally {
    await client.close();
  }
});

it("refuses requests addressed to another host, against DNS rebinding", async () => {
  // node:http, because fetch does not let a caller set the Host header.
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const req = request(
      endpoint,
      {
        method: "POST",
        headers: {
          host: "attacker.example",
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }));
  });
  expect(status).toBe(403);
});

it("answers 404 off the /mcp path", async () => {
  const answer = await fetch(new URL("/other", endpoint), { method: "POST" });
  expect(answer.status).toBe(404);
});

it("refuses a browser's request from another origin", async () => {
  const answer = await fetch(endpoint, {
    method: "POST",
    headers: {
      origin: "http://attacker.example",
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });
  expect(answer.status).toBe(403);
});

it("will not listen beyond loopback without a token, and with one refuses requests that lack it", async () => {
  const env = {
    PATH: process.env.PATH ?? "",
    INCIDENTKIT_CONFIG: join(home, "config.json"),
    INCIDENT_IO_API_KEY: t.adminKey,
    INCIDENT_IO_BASE_URL: t.url,
  };
  const open = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "mcp", "--http", "--host", "0.0.0.0", "--port", "0"],
    {
      env,
    },
  );
  let stderr = "";
  open.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((resolve) => open.once("exit", resolve));
  expect(code).toBe(2);
  expect(stderr).toContain("listening on 0.0.0.0 lets anyone who can reach it act with your incident.io key");

  const TOKEN = "mcp-token-0123456789abcdef";
  const guarded = spawn(
    process.execPath,
    ["--import", "tsx", MAIN, "mcp", "--http", "--host", "0.0.0.0", "--port", "0"],
    {
      env: { ...env, INCIDENTKIT_MCP_TOKEN: TOKEN },
    },
  );
  try {
    const lines = createInterface({ input: guarded.stderr as NodeJS.ReadableStream });
    const banner: string[] = [];
    const url = await new Promise<URL>((resolve, reject) => {
      lines.on("line", (line) => {
        banner.push(line);
        if (line.startsWith("Press Ctrl+C")) {
          const found = /at (http:\/\/\S+)/.exec(banner.join("\n"))?.[1];
          if (found) resolve(new URL(found));
        }
      });
      guarded.once("exit", (exit) => reject(new Error(`exited with ${exit}`)));
    });
    expect(banner.join("\n")).toContain("Reachable by: whoever can reach it and holds INCIDENTKIT_MCP_TOKEN");
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    // The server listens on every address; 127.0.0.1 reaches it under the name it printed.
    const local = new URL(url.pathname, `http://127.0.0.1:${url.port}`);
    const addressed = { ...headers, host: url.host };
    expect((await post(local, addressed, body)).status).toBe(401);
    expect((await post(local, { ...addressed, authorization: `Bearer ${TOKEN}` }, body)).status).toBe(200);
  } finally {
    const exited = new Promise((resolve) => guarded.once("exit", resolve));
    guarded.kill("SIGTERM");
    await exited;
  }
});

/** A POST with these headers, Host included (which fetch will not set). */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode });
    });
    req.on("error", reject);
    req.end(body);
  });
}
