import { join } from "node:path";
import type { Command } from "commander";
import type { Config } from "../../../config.js";
import { createEmulator, type Emulator } from "../../../emulator/index.js";
import { UsageError } from "../errors.js";

interface EmulatorFlags {
  port: string;
  host: string;
  dataDir?: string;
  ephemeral?: boolean;
  seed: "demo" | "empty";
}

export function registerEmulatorCommand(program: Command, config: Config): void {
  program
    .command("emulator")
    .description(
      "Run the incident.io-compatible emulator: a local API server with state, for demos and tests.",
    )
    .option("--port <port>", "port to listen on", "8790")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--data-dir <dir>", "where its database lives (default: <data dir>/emulator)")
    .option("--ephemeral", "keep everything in memory; nothing is written to disk")
    .option("--seed <seed>", "organisation to start a new database with: demo | empty", "demo")
    .addHelpText(
      "after",
      "\nExample:\n  incidentkit emulator --port 8790 --seed demo\n  incidentkit emulator --ephemeral --seed empty --port 0",
    )
    .action(async (flags: EmulatorFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, got "${flags.port}".`);
      }
      if (flags.seed !== "demo" && flags.seed !== "empty") {
        throw new UsageError(`--seed must be "demo" or "empty", got "${flags.seed}".`);
      }
      const dataDir = flags.ephemeral ? undefined : (flags.dataDir ?? join(config.dataDir, "emulator"));
      const emulator = await createEmulator({ dataDir, ephemeral: flags.ephemeral, seed: flags.seed });
      const url = await emulator.listen({ port, host: flags.host });
      printWelcome(url, emulator.apiKeys(), await lowestSeverityId(emulator), dataDir);
      const stop = () => {
        void emulator.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}

/** For the example create: asked of the emulator's own API, as any client would. */
async function lowestSeverityId(emulator: Emulator): Promise<string> {
  const admin = emulator.apiKeys().find((key) => key.roles.includes("global_access"));
  const response = await emulator.app.request("/v1/severities", {
    headers: { authorization: `Bearer ${admin?.token}` },
  });
  const { severities = [] } = (await response.json()) as { severities?: { id: string; rank: number }[] };
  return [...severities].sort((a, b) => a.rank - b.rank)[0]?.id ?? "<severity ID>";
}

function printWelcome(
  url: string,
  keys: { name: string; token: string; roles: string[] }[],
  severityId: string,
  dataDir?: string,
): void {
  const admin = keys.find((key) => key.roles.includes("global_access")) ?? keys[0];
  const create = JSON.stringify({
    idempotency_key: "try-1",
    visibility: "public",
    mode: "test",
    name: "Checkout is slow",
    severity_id: severityId,
  });
  const lines = [
    `incident.io emulator listening on ${url}`,
    dataDir ? `State is kept in ${dataDir}` : "State is in memory only (--ephemeral).",
    "",
    "API keys (local to this emulator):",
    ...keys.map((key) => `  ${key.name.padEnd(16)} ${key.token}  (${key.roles.join(", ")})`),
    "",
    "Try it, in another terminal:",
    `  export INCIDENT_IO_BASE_URL=${url}`,
    `  export INCIDENT_IO_API_KEY=${admin?.token ?? "<key>"}`,
    "  npx incidentkit api GET /v1/identity",
    "  npx incidentkit api GET /v1/severities",
    "  npx incidentkit api GET /v2/incidents -q 'status_category[one_of]=live' -q page_size=5",
    `  npx incidentkit api POST /v2/incidents -d '${create}'`,
    `  curl -s -H "Authorization: Bearer $INCIDENT_IO_API_KEY" "$INCIDENT_IO_BASE_URL/v2/incidents/1"`,
    "",
    "Press Ctrl+C to stop.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
