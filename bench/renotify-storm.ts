/**
 * A day of Alertmanager re-notifying, in fast time: GROUPS notification groups of ALERTS alerts, each group sent
 * again every 5 minutes (Alertmanager's `group_interval` while its alerts keep changing) for 24 simulated hours;
 * every 2 hours a group resolves and comes back with new alerts. The hub's own intake (`acceptAlerts`), its outbox
 * worker delivering to an in-process emulator and its retention job pruning every 10 minutes share one manual
 * clock and a SQLite file, with `alerts.retention` set to RETENTION. Sampled every simulated hour: the file must
 * stop growing once the window is full, however many alerts arrive after.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { acceptAlerts } from "../src/alerts/accept.js";
import { parseAlerts } from "../src/alerts/intake/index.js";
import { OutboxWorker } from "../src/alerts/outbox.js";
import { RetentionJob, rulesMemoryMs } from "../src/alerts/retention.js";
import { loadRules } from "../src/alerts/rules/load.js";
import { IncidentIo } from "../src/api/index.js";
import { createEmulator } from "../src/emulator/index.js";
import { openSession } from "../src/ops/index.js";
import { ManualClock } from "../src/shared/clock.js";
import { openStore } from "../src/store/index.js";
import { type AlertmanagerNotification, alertmanagerNotification } from "./alertmanager-notification.js";
import { isMain } from "./main.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GROUPS = 10;
const ALERTS = 50;
const EVERY = 5 * MINUTE;
const WAVE = 2 * HOUR;
const PRUNE_EVERY = 10 * MINUTE;
const RETENTION = 3 * HOUR;
const HOURS = 24;
const T0 = Date.parse("2026-06-10T00:00:00Z");
/** Target: after the window first fills, the file's pages in use never pass this share over their size then. */
const TARGET_GROWTH = 1.05;

const RULES = [
  "rules:",
  "  - name: page",
  "    match: { severity: [critical] }",
  "    action: open_incident",
  "    incident: { severity: Minor }",
].join("\n");

/** Notification `group` as Alertmanager sends it at `at`: its alerts still firing, or all resolved. */
function notificationAt(group: number, at: number, status: "firing" | "resolved"): AlertmanagerNotification {
  const notification = alertmanagerNotification(group, ALERTS);
  const endsAt = status === "resolved" ? new Date(at).toISOString() : "0001-01-01T00:00:00Z";
  return {
    ...notification,
    status,
    alerts: notification.alerts.map((alert) => ({ ...alert, status, endsAt })),
  };
}

export interface StormHour {
  hour: number;
  alertsWritten: number;
  alertsStored: number;
  /** Pages in use × page size. */
  bytesInUse: number;
  /** The file on disk, its free pages included. */
  fileBytes: number;
}

export interface RenotifyStorm {
  hours: StormHour[];
  /** The first hour whose sample comes after the window filled. */
  fullAt: number;
  /** The most bytes in use after `fullAt` over the bytes in use at `fullAt`. */
  growth: number;
  incidentsOpened: number;
  seconds: number;
}

export async function benchRenotifyStorm(): Promise<RenotifyStorm> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-bench-renotify-"));
  const file = join(dir, "hub.sqlite");
  const clock = new ManualClock(T0);
  const rules = loadRules(RULES, "rules.yaml");
  const store = await openStore({ file });
  const emulator = await createEmulator({
    ephemeral: true,
    seed: "demo",
    clock,
    rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 },
  });
  try {
    const admin = emulator.apiKeys().find((key) => key.roles.includes("global_access"));
    if (!admin) throw new Error("the emulator has no admin key");
    const io = new IncidentIo({
      apiKey: admin.token,
      baseUrl: "http://emulator.localhost",
      fetch: (input, init) => Promise.resolve(emulator.app.request(input, init)),
      rateLimit: false,
      clock,
    });
    const worker = new OutboxWorker(store, openSession(io, { clock }), { clock, batch: 50 });
    const retention = new RetentionJob({
      store,
      retentionMs: RETENTION,
      groupsKeptMs: rulesMemoryMs(rules),
      leadership: store.lead("retention"),
      clock,
    });
    const measure = async (hour: number, alertsWritten: number): Promise<StormHour> => {
      const number = async (query: string) =>
        Number(Object.values((await sql.raw(query).execute(store.db)).rows[0] as object)[0]);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
      const pageSize = await number("pragma page_size");
      return {
        hour,
        alertsWritten,
        alertsStored: await number("select count(*) from alerts"),
        bytesInUse:
          ((await number("pragma page_count")) - (await number("pragma freelist_count"))) * pageSize,
        fileBytes: statSync(file).size,
      };
    };

    const hours: StormHour[] = [];
    let written = 0;
    let opened = 0;
    for (let at = 0; at < HOURS * HOUR; at += EVERY) {
      const now = T0 + at;
      clock.advance(now - clock.now());
      const wave = Math.floor(at / WAVE);
      const lastOfWave = (at + EVERY) % WAVE === 0;
      for (let group = 0; group < GROUPS; group++) {
        const notification = notificationAt(wave * GROUPS + group, now, lastOfWave ? "resolved" : "firing");
        const parsed = parseAlerts("alertmanager", "alertmanager", notification);
        if (!parsed.ok)
          throw new Error(`the bench's notification is not valid: ${parsed.errors[0]?.message}`);
        const accepted = await acceptAlerts(
          store,
          rules,
          { source: "alertmanager", format: "alertmanager", ...parsed },
          new Date(now),
        );
        written += parsed.events.length;
        opened += accepted.filter((alert) => alert.enqueued === "declare").length;
      }
      await worker.runOnce();
      if (at % PRUNE_EVERY === 0) await retention.runOnce();
      if ((at + EVERY) % HOUR === 0) hours.push(await measure((at + EVERY) / HOUR, written));
    }
    // Full once the window (and the groups the rules remember) has passed, plus one pruning pass.
    const fullAt = Math.ceil((Math.max(RETENTION, rulesMemoryMs(rules)) + PRUNE_EVERY) / HOUR);
    const atFull = hours.find((row) => row.hour === fullAt) as StormHour;
    const later = hours.filter((row) => row.hour > fullAt);
    return {
      hours,
      fullAt,
      growth: Math.max(...later.map((row) => row.bytesInUse)) / atFull.bytesInUse,
      incidentsOpened: opened,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await emulator.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export function printRenotifyStorm(result: RenotifyStorm): void {
  console.log(
    `\nA day of Alertmanager re-notifying in fast time: ${GROUPS} groups of ${ALERTS} alerts sent every ${EVERY / MINUTE} min for ${HOURS} h, each group resolved and new every ${WAVE / HOUR} h; alerts.retention ${RETENTION / HOUR} h, pruned every ${PRUNE_EVERY / MINUTE} min; SQLite file, sampled hourly (${result.seconds.toFixed(0)} s of real time, ${result.incidentsOpened} incidents opened)`,
  );
  console.log("hour   alerts written   alerts stored   MB in use   file MB");
  for (const row of result.hours) {
    console.log(
      `${String(row.hour).padStart(4)} ${row.alertsWritten.toLocaleString("en-US").padStart(16)} ${row.alertsStored.toLocaleString("en-US").padStart(15)} ${mb(row.bytesInUse).padStart(11)} ${mb(row.fileBytes).padStart(9)}`,
    );
  }
  console.log(
    `after hour ${result.fullAt} (window full) the bytes in use grew at most ${((result.growth - 1) * 100).toFixed(1)}% (target ≤ ${((TARGET_GROWTH - 1) * 100).toFixed(0)}%)`,
  );
}

if (isMain(import.meta.url)) printRenotifyStorm(await benchRenotifyStorm());
