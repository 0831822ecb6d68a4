/**
 * Scale-out: intake throughput and the alert storm's drain with one hub on SQLite and 1, 2 and 3 hubs sharing one
 * PostgreSQL database, every hub its own process on this machine, the load spread round-robin. The storm's hubs
 * are told the emulator's rate limit, so they pace themselves from one shared budget.
 */
import { cpus } from "node:os";
import { createDatabase } from "../src/store/testing/databases.js";
import { benchHubIntake, type IntakeRow } from "./hub-intake.js";
import { benchHubStorm, type StormRow } from "./hub-storm.js";
import { benchPostgres } from "./postgres.js";

export interface ScaleOutRow {
  database: "sqlite" | "postgres";
  hubs: number;
  intake: IntakeRow;
  storm: StormRow;
}

const SETUPS: Array<{ database: "sqlite" | "postgres"; hubs: number }> = [
  { database: "sqlite", hubs: 1 },
  { database: "postgres", hubs: 1 },
  { database: "postgres", hubs: 2 },
  { database: "postgres", hubs: 3 },
];

export async function benchScaleOut(): Promise<{ rows: ScaleOutRow[]; cores: number }> {
  const server = benchPostgres();
  const rows: ScaleOutRow[] = [];
  try {
    for (const setup of SETUPS) {
      const fresh = async () =>
        setup.database === "postgres" ? await createDatabase(server.url) : undefined;
      const intakeDb = await fresh();
      const intake = await benchHubIntake({
        hubs: setup.hubs,
        ...(intakeDb ? { databaseUrl: intakeDb.url } : {}),
      }).finally(() => intakeDb?.drop());
      const stormDb = await fresh();
      const storm = await benchHubStorm({
        hubs: setup.hubs,
        paceToLimit: true,
        ...(stormDb ? { databaseUrl: stormDb.url } : {}),
      }).finally(() => stormDb?.drop());
      rows.push({ ...setup, intake, storm });
    }
  } finally {
    server.stop();
  }
  return { rows, cores: cpus().length };
}
