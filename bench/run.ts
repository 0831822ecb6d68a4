/** `npm run bench`: prints every benchmark's figures (medians) and, where there is one, its baseline. */
import { cpus } from "node:os";
import { benchAlertBytes, printAlertBytes } from "./alert-bytes.js";
import { benchCatalogPush, printCatalogPush } from "./catalog-push.js";
import { benchCliStartup } from "./cli-startup.js";
import { benchEmulatorLists, printEmulatorLists } from "./emulator-lists.js";
import { benchEmulatorThroughput } from "./emulator-throughput.js";
import { benchEntryPoints, printEntryPoints } from "./entry-points.js";
import { benchIntakeBesideFloor, printIntakeBesideFloor } from "./hub-intake.js";
import { benchHubStorm } from "./hub-storm.js";
import { benchInvestigation } from "./investigation.js";
import { benchMirrorBackfill } from "./mirror-backfill.js";
import { benchNotification500, printNotification500 } from "./notification-500.js";
import { benchOnCall, printOnCall } from "./oncall.js";
import { benchPacing } from "./pacing.js";
import { benchRenotifyStorm, printRenotifyStorm } from "./renotify-storm.js";
import { benchScaleOut } from "./scale-out.js";
import { benchScorecards } from "./scorecards.js";
import { benchServicePage } from "./service-page.js";
import { benchSimilar, SIMILAR_DEFAULTS } from "./similar.js";
import { benchStalledWebhooks, printStalledWebhooks } from "./stalled-webhooks.js";
import { benchUiLoad, printUiLoad } from "./ui-load.js";
import { benchWebhookLag } from "./webhook-lag.js";

const fmt = (n: number, digits = 0) => n.toFixed(digits);

console.log(
  `incidentkit benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"})\n`,
);

console.log(
  "Emulator throughput, 10,000 incidents (median of 3 × 5 s, 16 concurrent keep-alive clients; server in its own process, persisting to SQLite)",
);
console.log("scenario                                   req/s   target   p50 ms   p99 ms   errors");
for (const row of await benchEmulatorThroughput()) {
  console.log(
    `${row.scenario.padEnd(40)} ${fmt(row.perSecond).padStart(7)} ${(`≥${row.target}`).padStart(8)} ${fmt(row.p50Ms, 2).padStart(8)} ${fmt(row.p99Ms, 2).padStart(8)} ${String(row.errors).padStart(8)}`,
  );
}
printEmulatorLists(await benchEmulatorLists());

const pacing = await benchPacing();
console.log(
  `\nPacing: 300 creates, emulator bucket 20 burst + 10/s, 10 concurrent; theoretical minimum ${fmt(pacing.theoreticalSeconds, 1)} s`,
);
console.log("client                       seconds   × minimum   429s   errors   created   duplicates");
for (const row of pacing.rows) {
  console.log(
    `${row.client.padEnd(26)} ${fmt(row.seconds, 1).padStart(9)} ${fmt(row.ratio, 3).padStart(11)} ${String(row.throttled).padStart(6)} ${String(row.errors).padStart(8)} ${String(row.created).padStart(9)} ${String(row.duplicates).padStart(12)}`,
  );
}

printCatalogPush(await benchCatalogPush());

console.log(
  "\nCLI cold start (whole processes against a local emulator, p50/p90 of 20 runs after 2 warm-ups)",
);
console.log("command                                   p50 ms   p90 ms   target");
for (const row of await benchCliStartup()) {
  console.log(
    `${row.command.padEnd(40)} ${fmt(row.p50Ms).padStart(7)} ${fmt(row.p90Ms).padStart(8)} ${(row.target ? `≤${row.target}` : "").padStart(8)}`,
  );
}

printEntryPoints(benchEntryPoints());
printIntakeBesideFloor(await benchIntakeBesideFloor());
printNotification500(await benchNotification500());
printAlertBytes(await benchAlertBytes());
printRenotifyStorm(await benchRenotifyStorm());

const storm = await benchHubStorm();
console.log(
  `\nHub alert storm: incidentkit up and incidentkit emulator in their own processes; ${(storm.events - storm.keys).toLocaleString("en-US")} firing alerts over ${storm.keys} dedup keys (${storm.concurrency} concurrent), then one resolve per key; counted in the emulator`,
);
console.log("opened   closed   expected   duplicates   accepted/s   p50 ms   p99 ms   intake errors");
console.log(
  `${String(storm.opened).padStart(6)} ${String(storm.closed).padStart(8)} ${String(storm.expected).padStart(10)} ${String(storm.duplicates).padStart(12)} ${fmt(storm.perSecond).padStart(12)} ${fmt(storm.p50Ms, 2).padStart(8)} ${fmt(storm.p99Ms, 2).padStart(8)} ${String(storm.intakeErrors).padStart(15)}`,
);
console.log(
  `API calls: ${fmt(storm.callsPerIncident, 2)} per incident; ${storm.calls.ok} succeeded, ${storm.calls.retried} retried (429/5xx), ${storm.calls.refused} refused (other 4xx)`,
);
for (const call of storm.calls.byRoute) {
  console.log(
    `  ${`${call.method} ${call.route}`.padEnd(36)} ${String(call.status).padStart(4)} ×${call.count}`,
  );
}
console.log(
  `Outbox deliveries: ${Object.entries(storm.deliveries)
    .map(([what, count]) => `${what} ${count}`)
    .join(", ")}`,
);
const minimum =
  storm.ratio === undefined
    ? `minimum ${fmt(storm.minimumS, 1)} s (the burst covers all ${storm.calls.ok} calls), drain/minimum n/a`
    : `minimum ${fmt(storm.minimumS, 1)} s for ${storm.calls.ok} calls, drain/minimum ${fmt(storm.ratio, 2)}`;
console.log(
  `Drain: ${fmt(storm.drainFromFirstS, 1)} s from the first alert to an empty outbox (storm ${fmt(storm.stormS, 1)} s), ${fmt(storm.drainFromLastS, 2)} s from the last`,
);
console.log(
  `Rate limit ${storm.rateLimit.capacity} burst + ${storm.rateLimit.refillPerSecond}/s per key (${storm.rateLimit.note}): ${minimum}`,
);
for (const problem of storm.problems) console.log(`!!! STORM PROBLEM: ${problem}`);

const scaleOut = await benchScaleOut();
console.log(
  `\nScale-out: every hub its own process on these ${scaleOut.cores} cores with the load generator, the emulator(s) and PostgreSQL; load round-robin over the hubs. Intake as above (each hub with its own demo emulator); the storm as above, the hubs told the emulator's limit (${scaleOut.rows[0]?.storm.rateLimit.capacity}/min) and pacing from one budget`,
);
console.log(
  "database     hubs   intake/s   p50 ms   p99 ms   storm intake/s   opened   closed   dup   429s   drain s   minimum s   ratio",
);
for (const row of scaleOut.rows) {
  const throttled = row.storm.calls.byRoute
    .filter((call) => call.status === 429)
    .reduce((sum, call) => sum + call.count, 0);
  console.log(
    `${row.database.padEnd(10)} ${String(row.hubs).padStart(6)} ${fmt(row.intake.perSecond).padStart(10)} ${fmt(row.intake.p50Ms, 2).padStart(8)} ${fmt(row.intake.p99Ms, 2).padStart(8)} ${fmt(row.storm.perSecond).padStart(16)} ${String(row.storm.opened).padStart(8)} ${String(row.storm.closed).padStart(8)} ${String(row.storm.duplicates).padStart(5)} ${String(throttled).padStart(6)} ${fmt(row.storm.drainFromFirstS, 1).padStart(9)} ${fmt(row.storm.minimumS, 1).padStart(11)} ${(row.storm.ratio === undefined ? "n/a" : fmt(row.storm.ratio, 2)).padStart(7)}`,
  );
  for (const problem of row.storm.problems)
    console.log(`!!! SCALE-OUT PROBLEM (${row.database} × ${row.hubs}): ${problem}`);
}

const mirror = await benchMirrorBackfill();
console.log(
  `\nMirror backfill: ${mirror.incidents.toLocaleString("en-US")} incidents from the emulator in its own process (real HTTP) into a fresh hub database on disk`,
);
console.log("API calls   target   seconds   target   incidents/s   mirrored");
console.log(
  `${String(mirror.calls).padStart(9)} ${"≤81".padStart(8)} ${fmt(mirror.seconds, 1).padStart(9)} ${"≤30".padStart(8)} ${fmt(mirror.perSecond).padStart(13)} ${String(mirror.mirrored).padStart(10)}`,
);
console.log(
  `  ${Object.entries(mirror.byRoute)
    .map(([route, count]) => `${route} ×${count}`)
    .join(", ")}`,
);

const lag = await benchWebhookLag();
console.log(
  `\nWebhook lag: the emulator in its own process sends signed webhooks over HTTP to the hub's receiver; ${lag.edits} incident edits, ${lag.concurrency} concurrent; from the API's answer to the edit being in the mirror (re-read and upserted, as the hub does)`,
);
console.log("received   p50 ms   p99 ms   max ms   target p99   from request p50/p99 ms   failed deliveries");
console.log(
  `${`${lag.received}/${lag.edits}`.padStart(8)} ${fmt(lag.p50Ms, 1).padStart(8)} ${fmt(lag.p99Ms, 1).padStart(8)} ${fmt(lag.maxMs, 1).padStart(8)} ${"≤2000".padStart(12)} ${`${fmt(lag.fromRequestP50Ms, 1)}/${fmt(lag.fromRequestP99Ms, 1)}`.padStart(25)} ${String(lag.failedDeliveries).padStart(19)}`,
);

printStalledWebhooks(await benchStalledWebhooks());
printUiLoad(await benchUiLoad());

const scores = benchScorecards();
const scoreRuns = scores.runsMs.map((ms) => fmt(ms)).join(", ");
const scoreLevels = Object.entries(scores.levels)
  .map(([level, n]) => `${level} ${n}`)
  .join(", ");
console.log(
  `\nScorecard evaluation: ${scores.entities.toLocaleString("en-US")} entities × ${scores.incidents.toLocaleString("en-US")} incidents × ${scores.rules} rules, in process, median of ${scores.runsMs.length} runs`,
);
console.log("median ms   target   runs ms                                levels reached");
console.log(
  `${fmt(scores.medianMs).padStart(9)} ${"≤1000".padStart(8)}   ${scoreRuns.padEnd(36)} ${scoreLevels}`,
);

const similar = benchSimilar();
console.log(
  `\nSimilar incidents: ${similar.incidents.toLocaleString("en-US")} incidents from the demo seed's generators, in process; ${similar.queries} queries (whole incident, threshold ${SIMILAR_DEFAULTS.threshold}, limit ${SIMILAR_DEFAULTS.limit})`,
);
console.log("index build s   query p50 ms   p95 ms   target p95   re-index one ms   results/query");
console.log(
  `${fmt(similar.buildMs / 1000, 2).padStart(13)} ${fmt(similar.p50Ms, 1).padStart(14)} ${fmt(similar.p95Ms, 1).padStart(8)} ${"≤50".padStart(12)} ${fmt(similar.upsertP50Ms, 3).padStart(17)} ${fmt(similar.meanResults, 1).padStart(15)}`,
);
console.log(
  `Labelled set: the demo organisation, ${similar.labelled.incidents} incidents in ${similar.labelled.families} failure families, ${similar.labelled.queries} queries (relevant = same family)`,
);
console.log("query            precision@5   recall@10");
for (const [label, row] of [
  ["whole incident", similar.whole],
  ["title only", similar.title],
] as const) {
  console.log(
    `${label.padEnd(16)} ${fmt(row.precisionAt5, 3).padStart(11)} ${fmt(row.recallAt10, 3).padStart(11)}`,
  );
}
console.log(
  `With ${similar.alertOpened.incidents - similar.labelled.incidents} incidents the hub opened from alerts (summaries as it writes them), queried from those (${similar.alertOpened.queries} queries)`,
);
for (const [label, row] of [
  ["whole incident", similar.alertOpened.whole],
  ["hub lines kept", similar.alertOpened.wholeWithHubLines],
  ["title only", similar.alertOpened.title],
] as const) {
  console.log(
    `${label.padEnd(16)} ${fmt(row.precisionAt5, 3).padStart(11)} ${fmt(row.recallAt10, 3).padStart(11)}`,
  );
}

const servicePage = await benchServicePage();
console.log(
  `\nService page: the hub's web app in process (app.request), ${servicePage.incidents.toLocaleString("en-US")} mirrored incidents over ${servicePage.entities.toLocaleString("en-US")} catalog Components and the example scorecard, a hub database on disk; the busiest service (${servicePage.busiest.toLocaleString("en-US")} incidents)`,
);
console.log(
  "cold ms   warm p50 ms   warm p99 ms   target   after a change ms (directory)   services list p50 ms",
);
console.log(
  `${fmt(servicePage.coldMs).padStart(7)} ${fmt(servicePage.warmP50Ms, 1).padStart(13)} ${fmt(servicePage.warmP99Ms, 1).padStart(13)} ${"≤100".padStart(8)} ${`${fmt(servicePage.afterChangeMs)} (${fmt(servicePage.directoryMs)})`.padStart(31)} ${fmt(servicePage.listP50Ms, 1).padStart(22)}`,
);

const investigation = await benchInvestigation();
console.log(
  `\nWebhook to findings: the emulator in its own process (the demo organisation, ${investigation.mirrored} incidents mirrored by the hub) opens ${investigation.incidents} incidents one after another; the hub (in process, the demo catalog) receives each signed webhook, investigates and appends the findings to the summary; from the create's answer to the findings read back in the summary`,
);
console.log("found      p50 ms   p95 ms   max ms   target p95   reports with similar incidents");
console.log(
  `${`${investigation.found}/${investigation.incidents}`.padStart(5)} ${fmt(investigation.p50Ms, 1).padStart(11)} ${fmt(investigation.p95Ms, 1).padStart(8)} ${fmt(investigation.maxMs, 1).padStart(8)} ${"≤3000".padStart(12)} ${String(investigation.withSimilar).padStart(32)}`,
);

printOnCall(await benchOnCall());
