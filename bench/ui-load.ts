/**
 * Intake first: does the web UI starve alert intake? `incidentkit up` in its own process with 20,000 mirrored
 * incidents in its database; 4 senders post alerts in a closed loop while 24 browsers ask for the costliest page,
 * `/analytics` over a 10-year window, either all the same question (what people do: answered from the page worked
 * out once per snapshot) or each a different window (what an attacker does: every one computed). The clients are
 * signed in (token sign-in), as people using a hub on a network are, and behave as browsers do (see browser.ts):
 * they accept gzip and brotli, and revalidate a page they may keep with `If-None-Match`. A last row has plain HTTP
 * clients (a script's loop: neither) ask for the same page. The UI clients run in a process of their own
 * (ui-clients.ts), as browsers are not where alert senders are. Target: the alerts' p99 acknowledgement under UI
 * load at most 2× its p99 idle.
 */
import type { MirroredIncident } from "../src/mirror/incident.js";
import { upsertMirroredIncident } from "../src/mirror/index.js";
import { openStore } from "../src/store/index.js";
import { BENCH_HUB_TOKEN, RECORD_ONLY_RULES, signInCookie, startBenchHubs } from "./hub-process.js";
import { httpRequest, runLoad } from "./load.js";
import { isMain } from "./main.js";
import { startUiClients, type UiClientsOptions } from "./ui-clients.js";

const INCIDENTS = 20_000;
const SENDERS = 4;
const UI_CLIENTS = 24;
const SECONDS = 5;
const TARGET_RATIO = 2;
const DAY = 86_400_000;

export interface UiLoadRow {
  name: string;
  alertsP50Ms: number;
  alertsP99Ms: number;
  alertsPerSecond: number;
  /** Pages answered 200 or 304; `refusedPerSecond` the others (the page queue full: 503). */
  pagesPerSecond: number;
  /** Of those, answered 304 (a browser's kept copy still the page). */
  notModifiedPerSecond: number;
  refusedPerSecond: number;
}

function incident(i: number, now: number): MirroredIncident {
  const created = new Date(now - (i % 3650) * DAY).toISOString();
  return {
    id: `01BENCHUI${String(i).padStart(10, "0")}`,
    account: "emulator",
    reference: `INC-${i + 1}`,
    name: `Incident ${i}: checkout latency`,
    summary: null,
    severity: {
      id: `sev-${i % 3}`,
      name: ["Minor", "Major", "Critical"][i % 3] as string,
      rank: (i % 3) + 1,
    },
    status: { id: "st-closed", name: "Closed", category: "closed" },
    type: null,
    mode: "standard",
    visibility: "public",
    createdAt: created,
    updatedAt: created,
    resolvedAt: new Date(Date.parse(created) + ((i % 48) + 1) * 3_600_000).toISOString(),
    permalink: null,
    customFields: [],
  };
}

export async function benchUiLoad(): Promise<UiLoadRow[]> {
  // Signed in, as people on a network are: the limits on addresses without sign-in do not apply to them.
  const hubs = await startBenchHubs({
    rules: RECORD_ONLY_RULES,
    sources: { bench: "generic" },
    signIn: true,
  });
  try {
    const url = hubs.urls[0] as string;
    const store = await openStore({ file: hubs.databaseFile() });
    const now = Date.now();
    const at = new Date(now - 3_600_000).toISOString();
    await store.write(async (trx) => {
      for (let i = 0; i < INCIDENTS; i++) await upsertMirroredIncident(trx, incident(i, now), {}, at);
    });
    await store.close();
    const alert = (i: number) =>
      httpRequest(`${url}/alerts/bench`, {
        method: "POST",
        headers: { authorization: `Bearer ${BENCH_HUB_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          dedup_key: `key-${i % 100}`,
          status: "firing",
          title: "Latency",
          severity: "minor",
        }),
      }).then((status) => status === 202);
    const cookie = await signInCookie(url);
    // The hub reads the mirror on its first page; warm it, and intake, before measuring.
    await httpRequest(`${url}/analytics?since=3650d`, { headers: { cookie } });
    await runLoad(alert, { concurrency: SENDERS, durationMs: 1000 });

    const phase = async (
      name: string,
      ui?: Pick<UiClientsOptions, "kind" | "windows">,
    ): Promise<UiLoadRow> => {
      const clients = ui
        ? await startUiClients({ url, cookie, ...ui, clients: UI_CLIENTS, seconds: SECONDS })
        : undefined;
      const alerts = await runLoad(alert, { concurrency: SENDERS, durationMs: SECONDS * 1000 });
      const served = await clients?.result;
      return {
        name,
        alertsP50Ms: alerts.p50Ms,
        alertsP99Ms: alerts.p99Ms,
        alertsPerSecond: alerts.perSecond,
        pagesPerSecond: served ? (served.requests - served.errors) / served.seconds : 0,
        notModifiedPerSecond: served ? served.notModified / served.seconds : 0,
        refusedPerSecond: served ? served.errors / served.seconds : 0,
      };
    };
    return [
      await phase("idle UI"),
      await phase("24 browsers, the same analytics page", { kind: "browsers", windows: "same" }),
      await phase("24 browsers, each a different window", { kind: "browsers", windows: "different" }),
      await phase("24 plain clients, the same page", { kind: "plain", windows: "same" }),
    ];
  } finally {
    await hubs.stop();
  }
}

export function printUiLoad(rows: UiLoadRow[]): void {
  const fmt = (n: number, digits = 1) => n.toFixed(digits);
  console.log(
    `\nIntake under web UI load: ${SENDERS} alert senders (closed loop) beside ${UI_CLIENTS} clients asking for /analytics over ${INCIDENTS.toLocaleString("en")} mirrored incidents (incidentkit up in its own process), ${SECONDS} s each`,
  );
  console.log(
    "UI load                                  alert p50 ms   alert p99 ms   alerts/s   pages/s  of them 304/s   refused/s",
  );
  const idle = rows[0]?.alertsP99Ms ?? Number.NaN;
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(40)} ${fmt(row.alertsP50Ms, 2).padStart(12)} ${fmt(row.alertsP99Ms, 2).padStart(14)} ${fmt(row.alertsPerSecond, 0).padStart(10)} ${fmt(row.pagesPerSecond, 0).padStart(9)} ${fmt(row.notModifiedPerSecond, 0).padStart(14)} ${fmt(row.refusedPerSecond, 0).padStart(11)}   p99 ${fmt(row.alertsP99Ms / idle)}× idle (target ≤ ${TARGET_RATIO}×)`,
    );
  }
}

if (isMain(import.meta.url)) printUiLoad(await benchUiLoad());
