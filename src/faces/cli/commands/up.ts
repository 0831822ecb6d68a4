import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { loadAccounts } from "../../../api/accounts.js";
import { ConfigError, IncidentIo, IncidentKitError } from "../../../api/index.js";
import type { Config } from "../../../config.js";
import { type OpsSession, openSession } from "../../../ops/index.js";
import { clientOptionsFor, globalsOf, sessionFor } from "../client.js";
import { helpAfter } from "../flags.js";

interface UpFlags {
  config: string;
}

interface Upstream {
  session: OpsSession;
  describe: string[];
  close(): Promise<void>;
}

export function registerUpCommand(program: Command, config: Config): void {
  program
    .command("up")
    .description(
      "Run the alert hub: takes alerts over HTTP, applies the rules, and opens and closes incidents in incident.io.",
    )
    .option("--config <file>", "the hub's config file (YAML)", "hub.yaml")
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit up --config hub.yaml",
        "PROM_ALERT_TOKEN=… incidentkit --account prod up --config /etc/incidentkit/hub.yaml",
      ]),
    )
    .action(async (flags: UpFlags, command: Command) => {
      const globals = globalsOf(command);
      // Loaded here, not at start: the hub's modules would slow every other command down.
      const { createHub, loadHubConfig } = await import("../../../hub.js");
      const { loadRules } = await import("../../../alerts/rules/index.js");
      const { openStore } = await import("../../../store/index.js");
      const file = resolve(flags.config);
      const hubConfig = asConfigError(() =>
        loadHubConfig(readConfig(file, "the hub config"), file, {
          env: config.accountEnv,
          dataDir: config.dataDir,
        }),
      );
      const rules = asConfigError(() =>
        loadRules(readConfig(hubConfig.rulesFile, "the rules file"), hubConfig.rulesFile),
      );
      const account = globals.account ?? hubConfig.account;
      const upstream = await connect(
        config,
        { ...globals, ...(account ? { account } : {}) },
        hubConfig.dataDir,
      );
      const store = await openStore({ dataDir: hubConfig.dataDir });
      const hub = createHub({
        config: hubConfig,
        store,
        rules,
        session: upstream.session,
        worker: { onError: (error) => process.stderr.write(`hub: ${describe(error)}\n`) },
      });
      let url: string;
      try {
        url = await hub.start();
      } catch (error) {
        await hub.close();
        await store.close();
        await upstream.close();
        throw listenError(error, hubConfig.listen);
      }
      const sources = hubConfig.sources.map((source) => ({
        ...source,
        endpoint: `${url}/alerts/${source.name}`,
      }));
      // The example body is the generic format, so it goes to a source that reads it.
      const first = sources.find((source) => source.format === "generic" || source.format === "auto");
      const lines = [
        `incidentkit hub listening on ${url}`,
        `Rules: ${hubConfig.rulesFile} (${rules.rules.length} rules)`,
        `State: ${hubConfig.dataDir}`,
        ...upstream.describe,
        "",
        "Sources:",
        ...sources.map(
          (source) =>
            `  ${source.name.padEnd(14)} POST ${source.endpoint}  (${source.format}; token from $${source.tokenEnv})`,
        ),
        "",
        "Try it:",
        ...(first
          ? [
              `  curl -s -X POST "${first.endpoint}" -H "Authorization: Bearer $${first.tokenEnv}" \\`,
              `    -H "Content-Type: application/json" -d '{"dedup_key":"db-down","status":"firing","title":"Database down","severity":"critical","labels":{"env":"production"}}'`,
            ]
          : []),
        `  curl -s ${url}/healthz`,
        `  curl -s ${url}/metrics`,
        "  incidentkit alerts history",
        "",
        "Press Ctrl+C to stop.",
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        process.stdout.write("Stopping: no new alerts are accepted; finishing deliveries under way…\n");
        void (async () => {
          await hub.close();
          await store.close();
          await upstream.close();
          process.exit(0);
        })();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}

/** A config or rules file at fault is a configuration problem (exit code 3), its message naming file and line. */
function asConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof IncidentKitError || !(error instanceof Error)) throw error;
    throw new ConfigError(
      "config",
      error.message,
      "correct the file at the line named, then start the hub again",
    );
  }
}

function readConfig(file: string, what: string): string {
  if (!existsSync(file)) {
    throw new ConfigError(
      "config",
      `${what} ${file} does not exist`,
      "create it (see examples/hub.yaml and examples/rules.yaml), or pass --config <file>",
    );
  }
  return readFileSync(file, "utf8");
}

/** The configured incident.io account; with none configured at all, a local emulator with demo data. */
async function connect(
  config: Config,
  flags: ReturnType<typeof globalsOf>,
  dataDir: string,
): Promise<Upstream> {
  const loaded = loadAccounts(config);
  const none = loaded.accounts.length === 0 && loaded.unavailable.length === 0;
  if (!none || flags.account !== undefined) {
    const session = sessionFor(config, flags);
    return {
      session,
      describe: [`incident.io account: ${session.alias} (${session.io.baseUrl})`],
      close: async () => {},
    };
  }
  const { createEmulator } = await import("../../../emulator/index.js");
  const emulatorDir = join(dataDir, "emulator");
  const emulator = await createEmulator({ dataDir: emulatorDir, ephemeral: false, seed: "demo" });
  const url = await emulator.listen({ port: 0, host: "127.0.0.1" });
  const keys = emulator.apiKeys();
  const admin = keys.find((key) => key.roles.includes("global_access")) ?? keys[0];
  if (!admin)
    throw new IncidentKitError({
      code: "emulator",
      message: "the emulator has no API key",
      hint: "move its data directory aside and start again",
    });
  const io = new IncidentIo({ apiKey: admin.token, baseUrl: url, ...clientOptionsFor(flags) });
  return {
    session: openSession(io, { alias: "emulator" }),
    describe: [
      "",
      "No incident.io account is configured, so incidents go to a local emulator with demo data:",
      `  emulator    ${url}  (state in ${emulatorDir})`,
      `  look at it: INCIDENT_IO_BASE_URL=${url} INCIDENT_IO_API_KEY=${admin.token} incidentkit incidents list`,
      "  To use incident.io: incidentkit accounts add <alias> --api-key-env INCIDENT_IO_API_KEY --default",
    ],
    close: () => emulator.close(),
  };
}

function listenError(error: unknown, listen: { host: string; port: number }): unknown {
  if ((error as { code?: string }).code === "EADDRINUSE") {
    return new IncidentKitError({
      code: "port_in_use",
      message: `port ${listen.port} on ${listen.host} is already in use (is another hub running?)`,
      hint: "stop the other process, or set listen.port in the hub config (0 picks a free one)",
    });
  }
  return error;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
