/** The alert hub from the command line: history with every delivery attempt, show, replay, and test --close. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptAlerts } from "../../src/alerts/accept.js";
import { OutboxWorker } from "../../src/alerts/outbox.js";
import { recordRefusal } from "../../src/alerts/refusals.js";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { emulatorSession, sessionRefusingCreates } from "../../src/alerts/testing/delivery.js";
import type { OpsSession } from "../../src/ops/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { seedIncidents } from "./cli-fixtures.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";

const RULES = rulesFrom(
  "rules:\n  - name: page\n    action: open_incident\n    incident: { severity: Critical }\n",
);

let w: CliWorld;
let config: string;
/** Two alerts whose declares incident.io refused for good (422 on the incident's name). */
let lag: string;
let disk: string;
let diskGroup: string;

async function withHubStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: join(w.home, "hub-data") });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** One round of the hub's outbox worker, as the running hub would make it, through `session`. */
const deliver = (session: OpsSession) => withHubStore((store) => new OutboxWorker(store, session).runOnce());

async function accept(dedupKey: string, title: string): Promise<{ id: string; groupKey: string }> {
  const event = {
    source: "uptime",
    dedupKey,
    status: "firing" as const,
    title,
    severity: "critical",
    labels: {},
  };
  const [accepted] = await withHubStore((store) =>
    acceptAlerts(
      store,
      RULES,
      { source: "uptime", format: "generic", events: [event], sent: [event] },
      new Date(),
    ),
  );
  if (!accepted) throw new Error("acceptAlerts returned no alert");
  return accepted;
}

beforeAll(async () => {
  w = await startCliWorld(seedIncidents);
  config = join(w.home, "hub.yaml");
  writeFileSync(
    config,
    "data_dir: ./hub-data\nsources:\n  uptime: { format: generic, token_env: UPTIME_TOKEN }\n",
  );
  lag = (await accept("orders-db/replication-lag", "Replication lag above 30s on orders-db")).id;
  const second = await accept("orders-db/disk-full", "Disk 95% full on orders-db");
  disk = second.id;
  diskGroup = second.groupKey;
  await deliver(sessionRefusingCreates(w.t));
}, 60_000);

afterAll(() => w?.close());

interface HistoryDocument {
  alerts: Array<{
    id: string;
    incident_reference: string | null;
    delivery: string | null;
    deliveries: Array<{
      kind: string;
      outcome: string;
      http_status: number | null;
      message: string;
      fix: string;
    }>;
  }>;
}

describe("incidentkit alerts history", () => {
  it("says in the INCIDENT column that the declare failed, with every attempt under the alert", async () => {
    const run = await w.cli(["alerts", "history", "--config", config]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^RECEIVED +SOURCE +STATUS +TITLE +DECISION +INCIDENT +REASON$/);
    expect(lines[1]).toMatch(/Disk 95% full on orders-db +open_incident +none: declare failed/);
    expect(lines[2]).toMatch(
      /^ {4}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}declare {2}failed {2}HTTP 422 {2}incident\.io answered 422 .*Name must be 255 characters or fewer/,
    );
    expect(lines[3]).toMatch(/^ {6}fix: incident\.io refused name: .*then replay the alert/);
    expect(lines[4]).toMatch(/Replication lag above 30s on orders-db +open_incident +none: declare failed/);
    expect(lines[5]).toMatch(/declare {2}failed {2}HTTP 422/);
  });

  it("gives each alert's delivery state and attempts with --json", async () => {
    const run = await w.cli(["--json", "alerts", "history", "--config", config]);
    expect(run.code).toBe(0);
    const { alerts } = json<HistoryDocument>(run);
    expect(alerts.map((alert) => alert.id)).toEqual([disk, lag]);
    expect(alerts[0]).toMatchObject({ incident_reference: null, delivery: "failed" });
    expect(alerts[0]?.deliveries).toEqual([
      expect.objectContaining({
        kind: "declare",
        outcome: "failed",
        http_status: 422,
        error_code: "validation_failed",
      }),
    ]);
    expect(alerts[0]?.deliveries[0]?.fix).toContain("incident.io refused name");
  });

  it("lists the requests the hub refused whole, whose alerts it could not record", async () => {
    const reason =
      "the notification has 12000 alerts, more than source uptime's max_alerts (10000): raise max_alerts";
    await withHubStore((store) =>
      recordRefusal(store, { source: "uptime", httpStatus: 413, reason, alerts: 12000 }, new Date()),
    );
    const human = await w.cli(["alerts", "history", "--config", config]);
    expect(human.stdout).toContain("Requests refused whole (their alerts were not recorded");
    expect(human.stdout).toMatch(/uptime {2}413: the notification has 12000 alerts/);
    const { refusals } = json<{ refusals: unknown[] }>(
      await w.cli(["--json", "alerts", "history", "--config", config]),
    );
    expect(refusals).toEqual([
      expect.objectContaining({ source: "uptime", http_status: 413, alerts: 12000, reason }),
    ]);
  });
});

describe("incidentkit alerts show", () => {
  it("prints the alert, its group and every attempt, and exits 4 for an unknown alert", async () => {
    const run = await w.cli(["alerts", "show", lag, "--config", config]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${lag}  Replication lag above 30s on orders-db`);
    expect(run.stdout).toMatch(/Decision: +open_incident \(rule page\)/);
    expect(run.stdout).toMatch(/Group: +uptime:\S+ \(open\), incident none: declare failed/);
    expect(run.stdout).toMatch(/Deliveries\n {2}\S+ \S+ {2}declare {2}failed {2}HTTP 422/);

    const missing = await w.cli(["alerts", "show", "01NOSUCHALERT0000000000000", "--config", config]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain("no alert 01NOSUCHALERT0000000000000 in the hub's database");
  });
});

describe("incidentkit alerts replay", () => {
  it("re-queues an alert's failed declare, says so, then exits 4 when nothing failed is left", async () => {
    const run = await w.cli(["alerts", "replay", lag, "--config", config]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Re-queued 1 declare for group uptime:\S+; the running hub delivers it within a second/,
    );
    const entry = await withHubStore((store) =>
      store.db.selectFrom("outbox").selectAll().where("alert_id", "=", lag).executeTakeFirstOrThrow(),
    );
    expect(entry).toMatchObject({ state: "pending", attempts: 0, claimed_by: null });

    const again = await w.cli(["alerts", "replay", lag, "--config", config]);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain(`nothing failed to replay for alert ${lag}`);
    const unknown = await w.cli(["alerts", "replay", "nagios:nothing", "--config", config]);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain("no alert or alert group nagios:nothing");
  });

  it("re-queues a group by its key with --json, and the history shows the failure, the replay and the incident", async () => {
    const run = await w.cli(["--json", "alerts", "replay", diskGroup, "--config", config]);
    expect(run.code).toBe(0);
    expect(json(run)).toEqual({
      target: "group",
      group_key: diskGroup,
      replayed: [{ id: expect.any(String), kind: "declare", alert_id: disk, group_key: diskGroup }],
      other_failed_in_group: 0,
      opens_without_close: false,
    });

    // The cause is fixed: the hub's next round delivers both.
    expect(await deliver(emulatorSession(w.t))).toBe(2);
    const history = await w.cli(["alerts", "history", "--config", config]);
    expect(history.code).toBe(0);
    const lines = history.stdout.split("\n");
    expect(lines[1]).toMatch(/Disk 95% full on orders-db +open_incident +INC-\d+ /);
    expect(lines.slice(2, 6)).toEqual([
      expect.stringMatching(/^ {4}\S+ \S+ {2}declare {2}failed {2}HTTP 422 /),
      expect.stringMatching(/^ {6}fix: /),
      expect.stringMatching(
        /^ {4}\S+ \S+ {2}declare {2}replayed {2}declare re-queued by incidentkit alerts replay$/,
      ),
      expect.stringMatching(/^ {4}\S+ \S+ {2}declare {2}delivered {2}declared INC-\d+$/),
    ]);
  });
});

describe("incidentkit alerts test --close", () => {
  it("closes the test incident the last run opened, then finds none open", async () => {
    const opened = await w.cli(["alerts", "test"]);
    expect(opened.code).toBe(0);
    const reference = /Incident created: (INC-\d+)/.exec(opened.stdout)?.[1];
    expect(reference).toBeDefined();

    const closed = await w.cli(["alerts", "test", "--close"]);
    expect(closed.stderr).toBe("");
    expect(closed.code).toBe(0);
    expect(closed.stdout.trim()).toBe(`Closed ${reference} (status: Closed)`);
    const stored = w.t.emulator.incidents().find((incident) => `INC-${incident.number}` === reference);
    expect(stored?.mode).toBe("test");
    const status = w.snapshot.incident_statuses.find((s) => s.id === stored?.incident_status_id);
    expect(status?.category).toBe("closed");

    const none = await w.cli(["alerts", "test", "--close"]);
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('no open test incident named "incidentkit test alert"');
  });

  it("closes the test incident named, and refuses to close a real one", async () => {
    const opened = json<{ incident: { reference: string } }>(await w.cli(["--json", "alerts", "test"]));
    const closed = await w.cli(["--json", "alerts", "test", "--close", opened.incident.reference]);
    expect(closed.code).toBe(0);
    expect(
      json<{ incident: { incident_status: { category: string } } }>(closed).incident.incident_status.category,
    ).toBe("closed");

    const real = await w.cli(["alerts", "test", "--close", "INC-1"]);
    expect(real.code).toBe(2);
    expect(real.stderr).toContain("INC-1 is a standard incident, not a test incident");
    const checkout = w.t.emulator.incidents().find((incident) => incident.number === 1);
    const status = w.snapshot.incident_statuses.find((s) => s.id === checkout?.incident_status_id);
    expect(status?.category).not.toBe("closed");
  });
});
