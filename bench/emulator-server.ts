/**
 * Runs an emulator in its own process for the benchmarks, so the load generator and the server do not share
 * a core. Prints one JSON line `{url, apiKey, readKey, incidentIds}` when ready.
 * argv: <incident count> <rate capacity> <rate refill per second> [copy-work]
 * With `copy-work`, each copied incident also gets copies of its template's follow-ups, so per-incident lists
 * have the same shape at every size.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator } from "../src/emulator/index.js";
import type { Snapshot } from "../src/emulator/model.js";
import { demoSnapshot } from "../src/emulator/seed/index.js";
import { newId } from "../src/shared/ids.js";

const [count = "0", capacity = "1000000000", refill = "1000000000", work] = process.argv.slice(2);

/** The demo organisation with its incident history repeated until there are `count` incidents. */
function withIncidents(snapshot: Snapshot, count: number, copyWork: boolean): Snapshot {
  const base = snapshot.incidents;
  const incidents = [...base];
  const followUps = [...snapshot.follow_ups];
  const followUpsOf = new Map<string, Snapshot["follow_ups"]>();
  for (const followUp of snapshot.follow_ups)
    followUpsOf.set(followUp.incident_id, [...(followUpsOf.get(followUp.incident_id) ?? []), followUp]);
  for (let i = base.length; i < count; i++) {
    const template = base[i % base.length];
    if (!template) break;
    const created = Date.parse(template.created_at) - Math.floor(i / base.length) * 60_000;
    const id = newId(created);
    if (copyWork) {
      for (const followUp of followUpsOf.get(template.id) ?? [])
        followUps.push({ ...followUp, id: newId(created), incident_id: id });
    }
    // A copy is not the same request as its template: it takes no idempotency key.
    const { idempotency_key: _key, ...fields } = template;
    incidents.push({
      ...fields,
      id,
      number: i + 1,
      created_at: new Date(created).toISOString(),
    });
  }
  incidents.sort((a, b) => a.created_at.localeCompare(b.created_at));
  incidents.forEach((incident, index) => {
    incident.number = index + 1;
  });
  return { ...snapshot, incidents, follow_ups: followUps };
}

const snapshot = withIncidents(demoSnapshot({ seed: 1 }), Number(count), work === "copy-work");
// Persistent, as the emulator runs by default: every write reaches SQLite before the answer.
const dataDir = mkdtempSync(join(tmpdir(), "incidentkit-bench-"));
const emulator = await createEmulator({
  dataDir,
  snapshot,
  rateLimit: { capacity: Number(capacity), refillPerSecond: Number(refill) },
});
const url = await emulator.listen({ port: 0 });
const admin = emulator.apiKeys().find((key) => key.roles.includes("global_access"));
const reader = emulator.apiKeys().find((key) => key.roles.includes("viewer") && key !== admin);
const incidentIds = emulator
  .incidents()
  .slice(0, 2000)
  .map((incident) => incident.id);
process.stdout.write(
  `${JSON.stringify({ url, apiKey: admin?.token, readKey: reader?.token, incidentIds })}\n`,
);
process.on("SIGTERM", () => {
  void emulator.close().then(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
