/**
 * `incidentkit changes add|list` as a user runs them: real processes against `incidentkit up` (its own process)
 * with a catalog and a `changes:` section, plus a signed GitHub deployment_status delivery to the same hub.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_RULES } from "../../src/hub/testing.js";
import { githubSignature } from "../../src/investigate/changes/github.js";
import { githubDeploymentStatus, TEST_CATALOG } from "../../src/investigate/changes/testing.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";
import { type RunningHub, startHub, writeHubFiles } from "./hub-harness.js";

const TOKEN = "e2e-deploy-token-0123456789";
const GH_SECRET = "e2e-github-secret-abcdef";
let world: CliWorld;
let hub: RunningHub;

beforeAll(async () => {
  world = await startCliWorld();
  mkdirSync(join(world.home, "catalog"));
  writeFileSync(join(world.home, "catalog", "catalog-info.yaml"), TEST_CATALOG);
  const config = writeHubFiles(
    world,
    [
      "listen: { host: 127.0.0.1, port: 0 }",
      "sources:",
      "  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }",
      "catalog: { dir: ./catalog }",
      "mirror: { enabled: false }",
      "changes: { token_env: DEPLOY_TOKEN, github_secret_env: GH_SECRET }",
      "",
    ].join("\n"),
    TEST_RULES,
  );
  hub = await startHub(world, config, {
    PROM_ALERT_TOKEN: "e2e-prom-token-0123",
    DEPLOY_TOKEN: TOKEN,
    GH_SECRET,
  });
});

afterAll(async () => {
  await hub?.stop();
  await world?.close();
});

const changes = (args: string[], env: Record<string, string> = { INCIDENTKIT_CHANGES_TOKEN: TOKEN }) =>
  world.cli(["changes", ...args, "--hub-url", hub.url], { env });

interface ChangeView {
  id: string;
  service: string;
  kind: string;
  description: string;
  author: string | null;
  source: string;
}

describe("incidentkit changes", () => {
  it("records a change through the hub, which names the service by its catalog ref", async () => {
    const run = await changes([
      "add",
      "--service",
      "Payments API",
      "--kind",
      "deploy",
      "--description",
      "v2.3.1",
      "--author",
      "alice",
      "--at",
      "25m",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Change recorded: deploy to component:default\/payments-api at 20\d\d-/);
    expect(run.stdout).not.toContain(TOKEN);
  });

  it("records a change given an external ID once, saying so the second time", async () => {
    const args = ["add", "--service", "ledger", "--kind", "config", "--description", "pool 20 -> 50"];
    const first = await changes(["--json", ...args, "--external-id", "cfg-7"]);
    const again = await changes(["--json", ...args, "--external-id", "cfg-7"]);
    expect([first.code, again.code]).toEqual([0, 0]);
    const a = json<{ change: ChangeView; duplicate: boolean }>(first);
    const b = json<{ change: ChangeView; duplicate: boolean }>(again);
    expect(a.duplicate).toBe(false);
    expect(b).toEqual({ change: a.change, duplicate: true });
    expect(a.change).toMatchObject({ service: "component:default/ledger", kind: "config", source: "cli" });
  });

  it("takes GitHub deployment_status webhooks at /changes/github, and lists every change newest first", async () => {
    const body = JSON.stringify(githubDeploymentStatus({ payload: { service: "search" } }));
    // Dated now, so it is the newest; GitHub's own time would be the fixture's.
    const fresh = body.replaceAll("2026-06-30T11:35:00Z", new Date().toISOString());
    const response = await fetch(`${hub.url}/changes/github`, {
      method: "POST",
      body: fresh,
      headers: {
        "content-type": "application/json",
        "x-github-event": "deployment_status",
        "x-hub-signature-256": githubSignature(fresh, GH_SECRET),
      },
    });
    expect(response.status).toBe(201);
    // Unsigned, it is refused before its body is read, and the connection closes.
    const unsigned = await fetch(`${hub.url}/changes/github`, {
      method: "POST",
      body: fresh,
      headers: { "content-type": "application/json", "x-github-event": "deployment_status" },
    });
    expect([unsigned.status, unsigned.headers.get("connection")]).toEqual([401, "close"]);

    const listed = await changes(["--json", "list", "--since", "1h"]);
    expect(listed.code).toBe(0);
    const found = json<{ changes: ChangeView[] }>(listed).changes;
    expect(found.map((change) => [change.service, change.source])).toEqual([
      ["component:default/search", "github"],
      ["component:default/ledger", "cli"],
      ["component:default/payments-api", "cli"],
    ]);

    const table = await changes(["list", "--service", "payments-api"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/WHEN\s+SERVICE\s+KIND\s+DESCRIPTION\s+AUTHOR/);
    expect(table.stdout).toMatch(/25m ago\s+component:default\/payments-api\s+deploy\s+v2\.3\.1\s+alice/);
    expect(table.stdout).not.toContain("ledger");
  });

  it("fails with exit 3 and a hint when the token is missing or refused, never printing it", async () => {
    const none = await changes(["list"], {});
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/INCIDENTKIT_CHANGES_TOKEN and HUB_ADMIN_TOKEN are not set/);
    const wrong = await changes(["list"], { INCIDENTKIT_CHANGES_TOKEN: `${TOKEN}-old` });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/the hub refused the token in INCIDENTKIT_CHANGES_TOKEN/);
    expect(`${wrong.stdout}${wrong.stderr}`).not.toContain(TOKEN);
  });

  it("fails with exit 2 on a bad kind, or a field the hub refuses, naming it", async () => {
    const kind = await changes(["add", "--service", "x", "--kind", "rollout", "--description", "y"]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/--kind must be one of deploy, feature_flag, config, other/);
    const link = await changes([
      "add",
      "--service",
      "x",
      "--kind",
      "other",
      "--description",
      "y",
      "--link",
      "nope",
    ]);
    expect(link.code).toBe(2);
    expect(link.stderr).toMatch(/link: expected an http\(s\) URL/);
  });

  it("refuses to send the token over plain HTTP to a hub on another machine", async () => {
    const run = await world.cli(["changes", "list", "--hub-url", "http://hub.internal.example:8780"], {
      env: { INCIDENTKIT_CHANGES_TOKEN: TOKEN },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "refusing to send the hub's token over plain HTTP to hub.internal.example: anyone on the way could read it; use the hub's https:// address",
    );
    expect(run.stderr).not.toContain(TOKEN);
  });

  it("says the hub did not answer when nothing listens at --hub-url", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await world.cli(["changes", "list", "--hub-url", url], {
      env: { INCIDENTKIT_CHANGES_TOKEN: TOKEN },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the hub at ${url} did not answer`);
    expect(run.stderr).toMatch(/incidentkit up/);
  });
});

/** A port that was free a moment ago and is closed again: nothing listens there. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
