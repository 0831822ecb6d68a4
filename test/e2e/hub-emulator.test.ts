/**
 * `incidentkit up` with no incident.io account configured: it runs a local emulator with demo data and delivers
 * there. And a config that cannot work stops it at start-up, naming the file, line and variable.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, expect, it } from "vitest";
import { exampleBody, TEST_RULES } from "../../src/hub/testing.js";

const MAIN = new URL("../../src/faces/cli/main.ts", import.meta.url).pathname;
const TOKEN = "e2e-prom-token-0123456789";
let home: string;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "incidentkit-hub-"));
  writeFileSync(
    join(home, "hub.yaml"),
    "listen: { host: 127.0.0.1, port: 0 }\nsources:\n  prometheus:\n    token_env: PROM_ALERT_TOKEN\n",
  );
  writeFileSync(join(home, "rules.yaml"), TEST_RULES);
});

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  child = undefined;
  rmSync(home, { recursive: true, force: true });
});

function up(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", "tsx", MAIN, "up", "--config", join(home, "hub.yaml")], {
    env: {
      PATH: process.env.PATH ?? "",
      INCIDENTKIT_CONFIG: join(home, "config.json"),
      INCIDENTKIT_DATA_DIR: join(home, "data"),
      ...env,
    },
  });
}

it("delivers to a local demo emulator when no account is configured", async () => {
  child = up({ PROM_ALERT_TOKEN: TOKEN });
  let banner = "";
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      banner += `${line}\n`;
      if (line.startsWith("Press Ctrl+C")) resolve(/listening on (http:\/\/\S+)/.exec(banner)?.[1] as string);
    });
    child?.once("exit", (code) => reject(new Error(`incidentkit up exited with ${code}`)));
  });
  expect(banner).toContain("No incident.io account is configured");
  expect(banner).toContain(join(home, "data", "hub", "emulator"));

  const response = await fetch(`${url}/alerts/prometheus`, {
    method: "POST",
    body: exampleBody("alertmanager-firing"),
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
  });
  expect(response.status).toBe(202);
  const { alerts } = (await response.json()) as { alerts: Array<{ id: string }> };
  const deadline = Date.now() + 8_000;
  let reference: string | null = null;
  while (reference === null && Date.now() < deadline) {
    const detail = await fetch(`${url}/alerts/${alerts[0]?.id}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    reference = ((await detail.json()) as { group: { incident_reference: string | null } }).group
      .incident_reference;
    if (reference === null) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(reference).toMatch(/^INC-\d+$/);
});

it("refuses to start when a source's token variable is not set, naming it and the line", async () => {
  child = up({});
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child?.once("exit", resolve));
  expect(code).toBe(3);
  expect(stderr).toContain(
    `${join(home, "hub.yaml")}:4:5: sources.prometheus.token_env: PROM_ALERT_TOKEN is not set`,
  );
});

it("refuses to start when a forwarding rule's token variable is not set, naming the rule and the variable", async () => {
  writeFileSync(
    join(home, "rules.yaml"),
    [
      "rules:",
      "  - name: to-incident-io",
      "    action: forward_to_alert_source",
      "    forward: { alert_source_config_id: 01HALERTSOURCE, token_env: ALERT_SOURCE_TOKEN }",
      "",
    ].join("\n"),
  );
  child = up({ PROM_ALERT_TOKEN: TOKEN });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child?.once("exit", resolve));
  expect(code).toBe(3);
  expect(stderr).toContain("rule to-incident-io forwards to incident.io alert source 01HALERTSOURCE");
  expect(stderr).toContain("ALERT_SOURCE_TOKEN, which is not set");
});
