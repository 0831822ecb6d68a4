/** `npm run bench`: prints every benchmark's figures (medians) and, where there is one, its baseline. */
import { cpus } from "node:os";
import { benchCliStartup } from "./cli-startup.js";
import { benchEmulatorThroughput } from "./emulator-throughput.js";
import { benchHubIntake } from "./hub-intake.js";
import { benchPacing } from "./pacing.js";

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

console.log(
  "\nCLI cold start (whole processes against a local emulator, p50/p90 of 20 runs after 2 warm-ups)",
);
console.log("command                                   p50 ms   p90 ms   target");
for (const row of await benchCliStartup()) {
  console.log(
    `${row.command.padEnd(40)} ${fmt(row.p50Ms).padStart(7)} ${fmt(row.p90Ms).padStart(8)} ${(row.target ? `≤${row.target}` : "").padStart(8)}`,
  );
}

const intake = await benchHubIntake();
console.log(
  "\nHub intake: incidentkit up in its own process (with its demo emulator), generic alerts over 200 dedup keys, 16 concurrent, median of 3 × 5 s",
);
console.log("accepted/s   target   p50 ms   p99 ms   target   errors");
console.log(
  `${fmt(intake.perSecond).padStart(10)} ${"≥3000".padStart(8)} ${fmt(intake.p50Ms, 2).padStart(8)} ${fmt(intake.p99Ms, 2).padStart(8)} ${"≤25".padStart(8)} ${String(intake.errors).padStart(8)}`,
);
