/**
 * Database bytes per stored alert: Alertmanager notifications (alertmanager-notification.ts) posted to
 * `incidentkit up` in its own process with the demo's rules, and the growth of its SQLite file — the pages in use
 * after a checkpoint, before and after, and by table from `dbstat` — over the alerts stored, beside the size of
 * one alert's own JSON as Alertmanager sent it.
 */
import BetterSqlite3 from "better-sqlite3";
import { DEMO_RULES_YAML } from "../src/hub/demo.js";
import { StatementCachingDatabase } from "../src/store/statement-cache.js";
import { alertmanagerNotification } from "./alertmanager-notification.js";
import { BENCH_HUB_TOKEN, outboxDrained, startBenchHubs } from "./hub-process.js";
import { httpRequest, runLoad } from "./load.js";
import { isMain } from "./main.js";

const NOTIFICATIONS = 50;
const PER_NOTIFICATION = 100;
const CONCURRENCY = 4;
const DRAIN_TIMEOUT_MS = 30_000;
/** Target: a stored alert costs at most this many times its own JSON. */
const TARGET_RATIO = 2;

interface Usage {
  /** Pages in use (the file less its free pages) × the page size. */
  bytes: number;
  alerts: number;
  /** Bytes of each table's pages, its indexes' included. */
  byTable: Map<string, number>;
}

export interface AlertBytes {
  notifications: number;
  alertsPosted: number;
  alertsStored: number;
  /** The mean of `JSON.stringify(alert)` over the alerts posted, in UTF-8 bytes. */
  alertJsonBytes: number;
  /** A notification's body over its alerts: the alert's JSON and its share of the group's fields. */
  bodyBytesPerAlert: number;
  bytesPerAlert: number;
  ratio: number;
  /** Growth of each table (its indexes included) per alert stored, largest first. */
  byTable: { table: string; bytesPerAlert: number }[];
  errors: number;
  /** Outbox entries still pending when measured (the drain timed out). */
  pendingLeft: number;
}

/** Measured from a connection of our own beside the hub's: the checkpoint moves the WAL into the file first. */
function usage(file: string): Usage {
  const raw = new BetterSqlite3(file);
  // Statements made through the caching wrapper are kept for the process's life: see statement-cache.ts.
  const db = new StatementCachingDatabase(raw);
  const rows = <T>(sql: string) => db.prepare(sql).all([]) as T[];
  const number = (sql: string) => Object.values(rows<Record<string, number>>(sql)[0] ?? {})[0] ?? Number.NaN;
  try {
    raw.exec("PRAGMA busy_timeout = 5000");
    const [checkpoint] = rows<{ busy: number }>("PRAGMA wal_checkpoint(TRUNCATE)");
    if (checkpoint?.busy !== 0) throw new Error("the hub's database was busy: no checkpoint");
    const pages = number("PRAGMA page_count") - number("PRAGMA freelist_count");
    const byTable = new Map<string, number>();
    for (const row of rows<{ tbl: string; bytes: number }>(
      "select s.name as tbl, sum(s.pgsize) as bytes from dbstat s group by s.name",
    ))
      byTable.set(row.tbl, row.bytes);
    return {
      bytes: pages * number("PRAGMA page_size"),
      alerts: number("select count(*) from alerts"),
      byTable,
    };
  } finally {
    db.close();
  }
}

export async function benchAlertBytes(): Promise<AlertBytes> {
  const notifications = Array.from({ length: NOTIFICATIONS }, (_, group) =>
    alertmanagerNotification(group, PER_NOTIFICATION),
  );
  const bodies = notifications.map((notification) => JSON.stringify(notification));
  const alerts = notifications.flatMap((notification) => notification.alerts);
  const alertJsonBytes =
    alerts.reduce((sum, alert) => sum + Buffer.byteLength(JSON.stringify(alert)), 0) / alerts.length;
  const bodyBytesPerAlert =
    bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0) / (NOTIFICATIONS * PER_NOTIFICATION);

  const hubs = await startBenchHubs({ rules: DEMO_RULES_YAML, sources: { alertmanager: "alertmanager" } });
  try {
    const url = hubs.urls[0] as string;
    const before = usage(hubs.databaseFile());
    const load = await runLoad(
      async (i) =>
        (await httpRequest(`${url}/alerts/alertmanager`, {
          method: "POST",
          headers: { authorization: `Bearer ${BENCH_HUB_TOKEN}`, "content-type": "application/json" },
          body: bodies[i],
        })) === 202,
      { concurrency: CONCURRENCY, total: bodies.length },
    );
    // The incidents the rules open are declared and their deliveries recorded: part of what an alert costs.
    const pendingLeft = await outboxDrained(url, DRAIN_TIMEOUT_MS);
    const after = usage(hubs.databaseFile());
    const stored = after.alerts - before.alerts;
    const bytesPerAlert = (after.bytes - before.bytes) / stored;
    const byTable = [...after.byTable]
      .map(([table, bytes]) => ({
        table,
        bytesPerAlert: (bytes - (before.byTable.get(table) ?? 0)) / stored,
      }))
      .filter((row) => row.bytesPerAlert !== 0)
      .sort((a, b) => b.bytesPerAlert - a.bytesPerAlert);
    return {
      notifications: NOTIFICATIONS,
      alertsPosted: alerts.length,
      alertsStored: stored,
      alertJsonBytes,
      bodyBytesPerAlert,
      bytesPerAlert,
      ratio: bytesPerAlert / alertJsonBytes,
      byTable,
      errors: load.errors,
      pendingLeft,
    };
  } finally {
    await hubs.stop();
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

export function printAlertBytes(result: AlertBytes): void {
  console.log(
    `\nDatabase bytes per stored alert: ${result.alertsPosted.toLocaleString("en-US")} alerts in ${result.notifications} Alertmanager notifications of ${PER_NOTIFICATION} (kubernetes-mixin's KubePodCrashLooping), ${CONCURRENCY} concurrent, to incidentkit up in its own process with the demo's rules; SQLite pages in use after a checkpoint, before and after`,
  );
  console.log(
    "alerts stored   alert JSON B   body B/alert   database B/alert   × alert JSON   target   errors",
  );
  console.log(
    `${String(result.alertsStored).padStart(13)} ${fmt(result.alertJsonBytes).padStart(14)} ${fmt(result.bodyBytesPerAlert).padStart(14)} ${fmt(result.bytesPerAlert).padStart(18)} ${fmt(result.ratio, 2).padStart(14)} ${`≤${TARGET_RATIO}`.padStart(8)} ${String(result.errors).padStart(8)}`,
  );
  console.log(
    `  by table, indexes included (B/alert): ${result.byTable.map((row) => `${row.table} ${fmt(row.bytesPerAlert)}`).join(", ")}`,
  );
  if (result.pendingLeft > 0)
    console.log(
      `  !!! ${result.pendingLeft} outbox entries still pending after ${DRAIN_TIMEOUT_MS / 1000} s, measured anyway`,
    );
}

if (isMain(import.meta.url)) printAlertBytes(await benchAlertBytes());
