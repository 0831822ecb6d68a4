import { join } from "node:path";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { IncidentKitError } from "../../../api/index.js";
import { UsageError } from "../errors.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerEmulatorCommand(program: CommandUnknownOpts, config: Config): void {
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
    .option("--error-rate <0..1>", "fault: share of API requests answered 500 before any work", "0")
    .option("--lost-response-rate <0..1>", "fault: share of requests done but answered 502", "0")
    .option("--latency-ms <ms>", "fault: delay added to every API request", "0")
    .option(
      "--rate-limit <per-minute>",
      "requests per minute per API key (a bucket of that size, refilled evenly); incident.io's is 1200",
      "1200",
    )
    .option(
      "--webhook-url <url>",
      "send signed incident webhooks (created, updated, status updated) to this URL; repeatable",
      collect,
    )
    .option(
      "--webhook-secret <whsec_…>",
      "signing secret for the --webhook-url endpoints (default: a new one, printed at start)",
    )
    .addHelpText(
      "after",
      [
        "",
        "Faults can also be changed while it runs: PUT /_emulator/faults with the admin key.",
        'Webhook endpoints too: POST /_emulator/webhook_endpoints {"url": …} (answers with the secret).',
        "",
        "Examples:",
        "  incidentkit emulator --port 8790 --seed demo",
        "  incidentkit emulator --ephemeral --seed empty --port 0",
        "  incidentkit emulator --ephemeral --error-rate 0.2 --latency-ms 300",
        "  incidentkit emulator --webhook-url http://127.0.0.1:8791/webhooks/incident-io",
      ].join("\n"),
    )
    .action(async (flags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, got "${flags.port}".`);
      }
      if (flags.seed !== "demo" && flags.seed !== "empty") {
        throw new UsageError(`--seed must be "demo" or "empty", got "${flags.seed}".`);
      }
      const faults = {
        errorRate: fraction("--error-rate", flags.errorRate),
        lostResponseRate: fraction("--lost-response-rate", flags.lostResponseRate),
        latencyMs: milliseconds("--latency-ms", flags.latencyMs),
      };
      const dataDir = flags.ephemeral ? undefined : (flags.dataDir ?? join(config.dataDir, "emulator"));
      // Loaded here, not at start: the emulator's modules would slow every other command down.
      const rateLimit = perMinute(flags.rateLimit);
      const endpoints = await webhookEndpoints(flags);
      const { createEmulator } = await import("../../../emulator/index.js");
      const { processLogger } = await import("./up-log.js");
      const emulator = await createEmulator({
        logger: processLogger(process.env, process.stderr.isTTY === true, "emulator"),
        dataDir,
        ephemeral: flags.ephemeral,
        seed: flags.seed,
        faults,
        rateLimit,
        webhooks: { endpoints },
      });
      const url = await emulator.listen({ port, host: flags.host }).catch(async (error: unknown) => {
        await emulator.close();
        throw listenError(error, flags.host, port);
      });
      // Before the welcome says it is ready: a stop sent as soon as it is read must find the handler.
      const stop = () => {
        void emulator.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      printWelcome(url, emulator.apiKeys(), faults, dataDir);
      printWebhooks(emulator.webhooks.endpoints(), flags.webhookSecret === undefined);
    });
}

/** The endpoints asked for, checked before anything starts; a secret is generated when none was given. */
async function webhookEndpoints(flags: {
  webhookUrl?: string[] | undefined;
  webhookSecret?: string | undefined;
}): Promise<{ url: string; secret: string }[]> {
  const urls = flags.webhookUrl ?? [];
  if (urls.length === 0) {
    if (flags.webhookSecret !== undefined) throw new UsageError("--webhook-secret needs --webhook-url.");
    return [];
  }
  const { endpointUrlProblem, generateSecret, secretProblem } = await import(
    "../../../emulator/webhooks/endpoints.js"
  );
  for (const url of urls) {
    const problem = endpointUrlProblem(url);
    if (problem) throw new UsageError(`--webhook-url: ${problem}`);
  }
  const secret = flags.webhookSecret ?? generateSecret();
  const problem = secretProblem(secret);
  if (problem) throw new UsageError(`--webhook-secret: ${problem}`);
  return urls.map((url) => ({ url, secret }));
}

function printWebhooks(endpoints: { url: string; secret: string }[], generated: boolean): void {
  if (endpoints.length === 0) return;
  const lines = [
    "",
    "Signed webhooks for incident changes go to:",
    ...endpoints.map((endpoint) => `  ${endpoint.url}`),
    generated
      ? `Signing secret (give it to the receiver): ${endpoints[0]?.secret}`
      : "Signed with the secret given by --webhook-secret.",
    "Deliveries: GET /_emulator/webhook_deliveries with the admin key.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

function perMinute(raw: string): { capacity: number; refillPerSecond: number } {
  const limit = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(limit) || limit < 1) {
    throw new UsageError(
      `--rate-limit must be a whole number of requests per minute, 1 or more, got "${raw}".`,
    );
  }
  return { capacity: limit, refillPerSecond: limit / 60 };
}

function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: string }).code;
  if (code === "EADDRINUSE") {
    return new IncidentKitError({
      code: "port_in_use",
      message: `port ${port} on ${host} is already in use (is another emulator running?)`,
      hint: "stop the other process, or choose another port with --port (0 picks a free one)",
    });
  }
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
    return new UsageError(`--host ${host} is not an address of this machine`);
  }
  return error;
}

function fraction(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === "" || !(value >= 0 && value <= 1)) {
    throw new UsageError(`${flag} must be a number from 0 to 1, e.g. 0.2; got "${raw}".`);
  }
  return value;
}

function milliseconds(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 600_000) {
    throw new UsageError(`${flag} must be a whole number of milliseconds from 0 to 600000; got "${raw}".`);
  }
  return value;
}

function printWelcome(
  url: string,
  keys: { name: string; token: string; roles: string[] }[],
  faults: { errorRate: number; lostResponseRate: number; latencyMs: number },
  dataDir?: string,
): void {
  const admin = keys.find((key) => key.roles.includes("global_access")) ?? keys[0];
  const lines = [
    `incident.io emulator listening on ${url}`,
    dataDir ? `State is kept in ${dataDir}` : "State is in memory only (--ephemeral).",
    ...(faults.errorRate || faults.lostResponseRate || faults.latencyMs
      ? [
          `Faults on: error rate ${faults.errorRate}, lost responses ${faults.lostResponseRate}, latency ${faults.latencyMs} ms`,
        ]
      : []),
    "",
    "API keys (local to this emulator):",
    ...keys.map((key) => `  ${key.name.padEnd(16)} ${key.token}  (${key.roles.join(", ")})`),
    "",
    "Try it, in another terminal:",
    `  export INCIDENT_IO_BASE_URL=${url}`,
    `  export INCIDENT_IO_API_KEY=${admin?.token ?? "<key>"}`,
    "  npx incidentkit verify",
    "  npx incidentkit incidents list --status-category live",
    "  npx incidentkit incidents show INC-1",
    '  npx incidentkit incidents declare --name "Checkout is slow" --severity Minor --mode test',
    "  npx incidentkit api GET /v1/severities",
    `  curl -s -H "Authorization: Bearer $INCIDENT_IO_API_KEY" "$INCIDENT_IO_BASE_URL/v2/incidents/1"`,
    "",
    "Press Ctrl+C to stop.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
