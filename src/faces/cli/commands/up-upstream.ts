import { join } from "node:path";
import { loadAccounts } from "../../../api/accounts.js";
import type { Config } from "../../../api/config.js";
import { IncidentIo, type IncidentIoOptions, IncidentKitError } from "../../../api/index.js";
import { type OpsSession, openSession } from "../../../ops/index.js";
import type { Logger } from "../../../shared/logger.js";
import { clientOptionsFor, type GlobalFlags, sessionFor } from "../client.js";
import { LOCAL_EMULATOR_ALIAS } from "../local-hub.js";
import { keepEmulatorKey } from "./up-emulator-key.js";
import { listenOnKeptPort } from "./up-emulator-port.js";

/** Where the hub delivers: an incident.io account, or a local emulator with demo data. */
export interface Upstream {
  session: OpsSession;
  /** Banner lines saying where incidents go. */
  describe: string[];
  /**
   * For a local emulator: has it send its signed incident webhooks to `url` with `secret`, as incident.io would
   * once the endpoint is set up in its webhook settings.
   */
  sendWebhooksTo?(url: string, secret: string): void;
  close(): Promise<void>;
}

export interface UpstreamChoice {
  /** The hub's data directory; a local emulator keeps its state under it. */
  dataDir: string;
  /**
   * The demo hub delivers to a local emulator even when accounts are configured, so trying the demo never opens
   * incidents in a real organisation; `--account` overrides that.
   */
  demo: boolean;
  /** How the user runs incidentkit, in the commands suggested (`npx incidentkit` from a clone). */
  command: string;
  /** Added to the client's options: the hub's rate limit, and the budget hubs on one database share. */
  client?: Partial<IncidentIoOptions>;
  /** Where a local emulator logs its own failures. */
  emulatorLog?: Logger;
}

/**
 * The account named by `--account` (or the hub config), else the default account; with no account configured
 * at all, or for the demo hub, a local emulator with demo data.
 */
export async function connectUpstream(
  config: Config,
  flags: GlobalFlags,
  choice: UpstreamChoice,
): Promise<Upstream> {
  const none = noAccounts(config);
  if (!deliversToEmulator(config, flags, choice.demo)) {
    const session = sessionFor(config, flags, choice.client);
    return {
      session,
      describe: [`incident.io account: ${session.alias} (${session.io.baseUrl})`],
      close: async () => {},
    };
  }
  return localEmulator(
    flags,
    choice,
    none
      ? {
          why: "No incident.io account is configured, so incidents go to a local emulator with demo data:",
          next: `To use incident.io: with your API key in INCIDENT_IO_API_KEY, ${choice.command} accounts add prod --api-key-env INCIDENT_IO_API_KEY --default${choice.demo ? "" : ", then give this hub a new data_dir (this one's data stays with account emulator)"}`,
        }
      : {
          why: "The demo hub delivers to a local emulator with demo data, not to your incident.io account:",
          next: `To deliver there: ${choice.command} --account <alias> up, or write a hub.yaml (see examples/hub.yaml)`,
        },
  );
}

/** Whether `connectUpstream` delivers to a local emulator, whose state is kept in the hub's data directory. */
export function deliversToEmulator(config: Config, flags: GlobalFlags, demo: boolean): boolean {
  return flags.account === undefined && (demo || noAccounts(config));
}

function noAccounts(config: Config): boolean {
  const loaded = loadAccounts(config);
  return loaded.accounts.length === 0 && loaded.unavailable.length === 0;
}

async function localEmulator(
  flags: GlobalFlags,
  choice: UpstreamChoice,
  words: { why: string; next: string },
): Promise<Upstream> {
  const { createEmulator } = await import("../../../emulator/index.js");
  const emulatorDir = join(choice.dataDir, "emulator");
  const emulator = await createEmulator({
    dataDir: emulatorDir,
    ephemeral: false,
    seed: "demo",
    ...(choice.emulatorLog ? { logger: choice.emulatorLog } : {}),
  });
  try {
    const { url, taken } = await listenOnKeptPort(choice.dataDir, (port) =>
      emulator.listen({ port, host: "127.0.0.1" }),
    );
    const keys = emulator.apiKeys();
    const admin = keys.find((key) => key.roles.includes("global_access")) ?? keys[0];
    if (!admin)
      throw new IncidentKitError({
        code: "emulator",
        message: "the emulator has no API key",
        hint: `move its data directory ${emulatorDir} aside and start again`,
      });
    // For the CLI in another terminal, which then talks to this emulator as the hub's own account.
    keepEmulatorKey(choice.dataDir, admin.token);
    const io = new IncidentIo({
      apiKey: admin.token,
      baseUrl: url,
      ...clientOptionsFor(flags),
      ...choice.client,
    });
    return {
      session: openSession(io, { alias: LOCAL_EMULATOR_ALIAS }),
      describe: [
        "",
        words.why,
        `  emulator    ${url}  (state in ${emulatorDir})`,
        ...(taken === undefined
          ? []
          : [
              `  the ${choice.demo ? "demo " : ""}emulator's port ${taken} was taken; it now listens on ${new URL(url).port} (kept for the next start)`,
            ]),
        ...(choice.demo
          ? [
              // The CLI finds this emulator by itself (local-hub.ts); other programs need its address and key.
              `  look at it: ${choice.command} incidents list`,
              `  other programs: INCIDENT_IO_BASE_URL=${url} INCIDENT_IO_API_KEY=${admin.token}`,
            ]
          : [
              `  look at it: INCIDENT_IO_BASE_URL=${url} INCIDENT_IO_API_KEY=${admin.token} ${choice.command} incidents list`,
            ]),
        `  ${words.next}`,
      ],
      sendWebhooksTo: (endpoint, secret) => {
        emulator.webhooks.addEndpoint({ url: endpoint, secret });
      },
      close: () => emulator.close(),
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}
