import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { RuleSet } from "../../../alerts/rules/index.js";
import type { Config } from "../../../api/config.js";
import { ConfigError, IncidentKitError } from "../../../api/index.js";
import type { Hub, HubConfig } from "../../../hub/index.js";
import { type GlobalFlags, globalsOf, sessionFor } from "../client.js";
import { helpAfter, wholeNumber } from "../flags.js";
import { asConfigError, chooseHub, readConfig } from "./hub-choice.js";
import { claimHubAccount } from "./hub-directory.js";
import { DEMO_COMMAND, type DemoBanner, hubBanner } from "./up-banner.js";
import { catalogStartLines } from "./up-catalog.js";
import { hubLockPlaces, lockHub } from "./up-lock.js";
import { checkHubPaths } from "./up-paths.js";
import { connectUpstream, deliversToEmulator } from "./up-upstream.js";

interface UpFlags {
  config?: string | undefined;
  port?: string | undefined;
  dataDir?: string | undefined;
}

/** The hub to run: its config and rules, and for the demo hub the file keeping its tokens. */
interface HubSetup {
  config: HubConfig;
  rules: RuleSet;
  demo?: DemoBanner;
}

export function registerUpCommand(program: CommandUnknownOpts, config: Config): void {
  program
    .command("up")
    .description(
      "Run the alert hub: takes alerts over HTTP, applies the rules, and opens and closes incidents in incident.io. " +
        "With no hub.yaml, a demo hub that needs no configuration.",
    )
    .option("--config <file>", "the hub's config file (YAML) (default: hub.yaml here, else the demo hub)")
    .option("--port <n>", "listen on this port instead of the config's (0 picks a free one)")
    .option("--data-dir <dir>", "the hub's data directory, instead of the one its config names")
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit up",
        "incidentkit up --config hub.yaml",
        "incidentkit up --data-dir ./second-demo --port 8781",
        "PROM_ALERT_TOKEN=… incidentkit --account prod up --config /etc/incidentkit/hub.yaml",
      ]),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const port = flags.port === undefined ? undefined : wholeNumber("--port", flags.port, 0, 65535);
      const setup = await hubSetup(config, flags, port);
      // pino is loaded here, not at start, as the hub's modules are. Human lines on a terminal, JSON lines otherwise.
      const { processLogger } = await import("./up-log.js");
      const log = processLogger(config.accountEnv, process.stderr.isTTY === true);
      const account = globals.account ?? setup.config.account;
      // Before the database or the emulator is opened: a second hub on the same state is refused, naming the first.
      // Released at a clean stop, or when the process exits (an error at start included).
      const locks = lockHub(
        hubLockPlaces(setup.config, {
          emulator: deliversToEmulator(config, withAccount(globals, account), setup.demo !== undefined),
          demo: setup.demo !== undefined,
        }),
      );
      for (const note of locks.notes) log.info(note);
      // Loaded here, not at start: the hub's modules would slow every other command down.
      const { createHub, WEBHOOK_PATH } = await import("../../../hub/index.js");
      const { openStore } = await import("../../../store/index.js");
      // The database first: hubs sharing a PostgreSQL database pace their requests by the budget kept in it.
      const store = await openStore(setup.config.database);
      const clientOptions = {
        rateLimit: setup.config.rateLimit,
        ...(store.rateBudgets ? { rateGates: store.rateBudgets } : {}),
      };
      const upstream = await connectUpstream(config, withAccount(globals, account), {
        dataDir: setup.config.dataDir,
        demo: setup.demo !== undefined,
        command: setup.demo ? DEMO_COMMAND : "incidentkit",
        client: clientOptions,
        emulatorLog: processLogger(config.accountEnv, process.stderr.isTTY === true, "emulator"),
      }).catch(async (error: unknown) => {
        await store.close();
        throw error;
      });
      // A hub started with another account would mix two organisations' alerts and incidents.
      await claimHubAccount(setup.config, store, upstream.session.alias).catch(async (error: unknown) => {
        await store.close();
        await upstream.close();
        throw error;
      });
      // A local emulator keeps the mirror current the way incident.io would: signed webhooks to the hub.
      const webhookSecret =
        upstream.sendWebhooksTo && setup.config.webhookSecret === undefined ? newWebhookSecret() : undefined;
      if (webhookSecret !== undefined) setup.config.webhookSecret = webhookSecret;
      let hub: Hub;
      try {
        hub = createHub({
          config: setup.config,
          store,
          rules: setup.rules,
          session: upstream.session,
          // The other accounts the catalog names, from the accounts configured.
          sessionFor: (alias) => sessionFor(config, withAccount(globals, alias), clientOptions),
          // Where forwards read their alert source's token: the same variables the config was read from.
          worker: { env: config.accountEnv },
          logger: log,
        });
      } catch (error) {
        // A scorecard file at fault is a `DirectoryError`: a configuration problem naming the file and line.
        await store.close();
        await upstream.close();
        throw error;
      }
      const catalogLines = setup.config.catalog
        ? catalogStartLines(hub.directory.catalog, setup.config.catalog.dir)
        : undefined;
      for (const line of catalogLines?.errors ?? []) log.warn(line);
      let url: string;
      try {
        url = await hub.start();
        locks.listening(url);
      } catch (error) {
        await hub.close();
        await store.close();
        await upstream.close();
        throw listenError(error, setup.config.listen);
      }
      if (webhookSecret !== undefined) upstream.sendWebhooksTo?.(`${url}${WEBHOOK_PATH}`, webhookSecret);
      // Before the banner says it is ready: a stop sent as soon as it is read must find the handler, or the
      // process dies at once, its deliveries unfinished and its lock left behind.
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        process.stdout.write("Stopping: no new alerts are accepted; finishing deliveries under way…\n");
        void (async () => {
          await hub.close();
          await store.close();
          await upstream.close();
          locks.release();
          process.exit(0);
        })();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      const banner = hubBanner({
        url,
        config: setup.config,
        ruleCount: setup.rules.rules.length,
        upstream: upstream.describe,
        ...(catalogLines ? { catalog: catalogLines.summary } : {}),
        ...(setup.demo ? { demo: setup.demo } : {}),
      });
      process.stdout.write(`${banner.join("\n")}\n`);
      if (setup.config.auth?.mode === "none") {
        log.warn(
          `the web UI has no sign-in (auth: { mode: none }): anyone who reaches ${url} can read its incidents and declare new ones`,
        );
      }
    });
}

/** The hub config file's settings and rules, or the built-in demo's with its tokens. */
async function hubSetup(config: Config, flags: UpFlags, port?: number): Promise<HubSetup> {
  const choice = chooseHub(flags.config);
  if (choice.kind === "demo") {
    const { DEMO_SOURCES, demoHubConfig, demoHubDataDir, demoRules } = await import("../../../hub/demo.js");
    const { demoTokens } = await import("../../../hub/demo-tokens.js");
    const names = DEMO_SOURCES.map((source) => source.name);
    const dataDir = flags.dataDir === undefined ? demoHubDataDir(config.dataDir) : resolve(flags.dataDir);
    const { tokens, admin, file } = demoTokens(dataDir, names);
    // The kept admin token, which the CLI in another terminal reads too; HUB_ADMIN_TOKEN, when set, instead.
    const fromEnv = config.accountEnv.HUB_ADMIN_TOKEN?.trim();
    const demo = demoHubConfig({
      dataDir: config.dataDir,
      tokens,
      port,
      adminToken: fromEnv || admin,
    });
    return {
      config: flags.dataDir === undefined ? demo : withDataDir(demo, dataDir),
      rules: demoRules(),
      demo: { tokensFile: file, adminFromEnv: !!fromEnv },
    };
  }
  const { loadHubConfig } = await import("../../../hub/index.js");
  const { loadRules } = await import("../../../alerts/rules/index.js");
  const hubConfig = asConfigError(() =>
    loadHubConfig(readConfig(choice.file, "the hub config"), choice.file, {
      env: config.accountEnv,
      dataDir: config.dataDir,
    }),
  );
  checkHubPaths(hubConfig);
  const rules = asConfigError(() =>
    loadRules(readConfig(hubConfig.rulesFile, "the rules file"), hubConfig.rulesFile),
  );
  checkForwardTokens(rules, hubConfig.rulesFile, config.accountEnv);
  if (port !== undefined) hubConfig.listen = { ...hubConfig.listen, port };
  return {
    config: flags.dataDir === undefined ? hubConfig : withDataDir(hubConfig, resolve(flags.dataDir)),
    rules,
  };
}

/** The hub with another data directory, as `--data-dir` asks: a SQLite database kept there moves with it. */
function withDataDir(hub: HubConfig, dataDir: string): HubConfig {
  return { ...hub, dataDir, database: "dataDir" in hub.database ? { dataDir } : hub.database };
}

/**
 * Each `forward_to_alert_source` rule's token variable is set: the hub reads it only when it forwards, and a hub
 * that starts without it would fail every forward, so it does not start, naming the rule and the variable.
 */
function checkForwardTokens(
  rules: RuleSet,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): void {
  for (const rule of rules.rules) {
    if (!rule.forward || env[rule.forward.tokenEnv]?.trim()) continue;
    throw new ConfigError(
      "rules",
      `${file}: rule ${rule.name} forwards to incident.io alert source ${rule.forward.alertSourceConfigId} with the token in ${rule.forward.tokenEnv}, which is not set`,
      `set ${rule.forward.tokenEnv} to the alert source's secret token (incident.io → Alerts → Sources), then start the hub again`,
    );
  }
}

function withAccount(globals: GlobalFlags, account: string | undefined): GlobalFlags {
  return { ...globals, ...(account ? { account } : {}) };
}

function listenError(error: unknown, listen: { host: string; port: number }): unknown {
  if ((error as { code?: string }).code === "EADDRINUSE") {
    return new IncidentKitError({
      code: "port_in_use",
      message: `port ${listen.port} on ${listen.host} is already in use (is another hub running?)`,
      hint: "stop the other process, or pass --port <n> (0 picks a free one) or set listen.port in the hub config",
    });
  }
  return error;
}

/** A signing secret in the form incident.io's webhook endpoints have: `whsec_` and 24 random bytes in base64. */
function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}
