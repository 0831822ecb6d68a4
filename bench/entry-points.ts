/**
 * Import time of the package's entry points: each imported by a fresh `node` process, timed inside it from just
 * before `import()` to its end (Node's own start-up left out), the rows taking turns so a busy moment of the
 * machine falls on all of them. Beside the wall time, the CPU time the process spent meanwhile (all its threads),
 * which other work on the machine disturbs less. `incidentkit` once loaded the emulator too; "client and
 * emulator" imports both entries, which is what it loaded then, and the ratio is the client's share of that
 * (target ≤ 0.60).
 *
 * `npx tsx bench/entry-points.ts [old/dist/index.js]` runs it alone, after `npm run build`; given the entry file of
 * an older build, that build's `incidentkit` is timed beside the others.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { median } from "./load.js";
import { isMain } from "./main.js";

const RUNS = 21;
const dist = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;

export interface EntryPointRow {
  entry: string;
  medianMs: number;
  minMs: number;
  cpuMedianMs: number;
}

export interface EntryPointTimes {
  rows: EntryPointRow[];
  /** The client's median over the client and emulator's, wall time: the target is ≤ 0.60. */
  ratio: number;
  /** The same of the CPU times. */
  cpuRatio: number;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** The time one fresh process takes to import `urls` (together, as one program importing them would). */
function importTime(urls: string[]): Sample {
  const script = `const cpu = process.cpuUsage();
const started = performance.now();
await Promise.all(${JSON.stringify(urls)}.map((url) => import(url)));
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000 }));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return JSON.parse(out) as Sample;
}

export function benchEntryPoints(olderBuild?: string): EntryPointTimes {
  if (!existsSync(new URL(dist("index.js"))))
    throw new Error("dist/ is missing: npm run build first (npm run bench does)");
  const entries: [string, string[]][] = [
    ["incidentkit (the client)", [dist("index.js")]],
    ["client and emulator (incidentkit before)", [dist("index.js"), dist("emulator/index.js")]],
    ["incidentkit/emulator", [dist("emulator/index.js")]],
    ["incidentkit/hub", [dist("hub/index.js")]],
    ...(olderBuild
      ? [[`incidentkit of ${olderBuild}`, [pathToFileURL(olderBuild).href]] as [string, string[]]]
      : []),
  ];
  // A first round warms the file cache and is not counted.
  for (const [, urls] of entries) importTime(urls);
  const samples = entries.map(() => [] as Sample[]);
  for (let run = 0; run < RUNS; run++) {
    entries.forEach(([, urls], index) => {
      samples[index]?.push(importTime(urls));
    });
  }
  const rows = entries.map(([entry], index) => {
    const wall = (samples[index] ?? []).map((sample) => sample.wallMs);
    return {
      entry,
      medianMs: median(wall),
      minMs: Math.min(...wall),
      cpuMedianMs: median((samples[index] ?? []).map((sample) => sample.cpuMs)),
    };
  });
  const [client, both] = rows;
  const share = (of: (row: EntryPointRow) => number) => (client && both ? of(client) / of(both) : Number.NaN);
  return { rows, ratio: share((row) => row.medianMs), cpuRatio: share((row) => row.cpuMedianMs) };
}

export function printEntryPoints(result: EntryPointTimes): void {
  console.log(
    `\nEntry points: import time in a fresh process (Node's start-up left out), median of ${RUNS} runs taking turns`,
  );
  console.log("entry                                              median ms   min ms   CPU median ms");
  for (const row of result.rows) {
    console.log(
      `${row.entry.padEnd(50)} ${row.medianMs.toFixed(1).padStart(9)} ${row.minMs.toFixed(1).padStart(8)} ${row.cpuMedianMs.toFixed(1).padStart(15)}`,
    );
  }
  console.log(
    `client / (client and emulator): ${result.ratio.toFixed(2)} wall, ${result.cpuRatio.toFixed(2)} CPU (target ≤ 0.60)`,
  );
}

if (isMain(import.meta.url)) printEntryPoints(benchEntryPoints(process.argv[2]));
