/**
 * `incidentkit up` as a user runs it: a real process with a config, rules and an account on an emulator, taking
 * a real Alertmanager notification over HTTP and opening, then closing, an incident.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { exampleBody, resolvedCopy, TEST_RULES } from "../../src/hub/testing.js";
import { type CliWorld, startCliWorld } from "./cli-harness.js";
import { eventually, type RunningHub, startHub, writeHubFiles } from "./hub-harness.js";

const TOKEN = "e2e-prom-token-0123456789";
let world: CliWorld;
let hub: RunningHub;
let url: string;
let banner = "";

beforeAll(async () => {
  world = await startCliWorld();
  const config = writeHubFiles(
    world,
    "listen: { host: 127.0.0.1, port: 0 }\nsources:\n  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }\n",
    TEST_RULES,
  );
  hub = await startHub(world, config, { PROM_ALERT_TOKEN: TOKEN });
  url = hub.url;
  banner = hub.banner;
});

afterAll(async () => {
  await hub?.stop();
  await world?.close();
});

const postAlerts = (body: string) =>
  fetch(`${url}/alerts/prometheus`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
  });

async function incident(
  id: string,
): Promise<{ reference: string; mode: string; incident_status: { category: string } }> {
  const response = await fetch(`${world.t.url}/v2/incidents/${id}`, {
    headers: { authorization: `Bearer ${world.t.adminKey}` },
  });
  return ((await response.json()) as { incident: never }).incident;
}

it("prints its URL, the sources' endpoints and curl examples, never the token", () => {
  expect(banner).toContain(`POST ${url}/alerts/prometheus`);
  expect(banner).toContain("$PROM_ALERT_TOKEN");
  expect(banner).toContain("curl");
  expect(banner).not.toContain(TOKEN);
  expect(banner).not.toContain(world.t.adminKey);
});

it("opens an incident for a firing alert, closes it on resolve, and shows both in history", async () => {
  const firing = await postAlerts(exampleBody("alertmanager-firing"));
  expect(firing.status).toBe(202);
  const { alerts } = (await firing.json()) as { alerts: Array<{ id: string; decision: string }> };
  expect(alerts[0]?.decision).toBe("open_incident");
  const detailOf = async () => {
    const response = await fetch(`${url}/alerts/${alerts[0]?.id}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    return (await response.json()) as {
      group: { incident_id: string | null; incident_reference: string | null };
    };
  };
  const incidentId = await eventually(
    async () => (await detailOf()).group.incident_id ?? undefined,
    "the declare",
  );
  const opened = await incident(incidentId);
  expect(opened.incident_status.category).not.toBe("closed");

  expect((await postAlerts(resolvedCopy(exampleBody("alertmanager-firing")))).status).toBe(202);
  await eventually(
    async () => ((await incident(incidentId)).incident_status.category === "closed" ? true : undefined),
    "the close",
  );

  const history = await world.cli(["alerts", "history", "--source", "prometheus"]);
  expect(history.code).toBe(0);
  expect(history.stdout).toContain(opened.reference);
  expect(history.stdout).toMatch(/open_incident/);
  expect(history.stdout).toMatch(/resolve/);
  const asJson = await world.cli(["--json", "alerts", "history", "--limit", "2"]);
  expect((JSON.parse(asJson.stdout) as { alerts: unknown[] }).alerts).toHaveLength(2);
});

it("declares a test-mode incident at the lowest severity for `alerts test`", async () => {
  const run = await world.cli(["alerts", "test"]);
  expect(run.stderr).toBe("");
  const reference = /^Incident created: (INC-\d+)/.exec(run.stdout)?.[1];
  expect(reference).toBeDefined();
  const asJson = await world.cli(["--json", "alerts", "test", "--source", "prometheus"]);
  const { incident: created } = JSON.parse(asJson.stdout) as {
    incident: { reference: string; mode: string; name: string; severity: { name: string } };
  };
  expect(created).toMatchObject({
    mode: "test",
    name: "incidentkit test alert",
    severity: { name: "Minor" },
  });
  expect(created.reference).not.toBe(reference);
});

it("stops cleanly on SIGTERM", async () => {
  expect(await hub.stop()).toBe(0);
});
