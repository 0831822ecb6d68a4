import { resolve } from "node:path";
import type { Config } from "../../api/config.js";
import type { HubLocalSettings } from "../../hub/config.js";
import { keptDemoAdminToken } from "../../hub/demo-tokens.js";
import { LOCK_FILE_NAME, liveHolder } from "../../hub/instance-lock.js";
import { chooseHub, chosenHubSettings, type HubChoice } from "./commands/hub-choice.js";
import { keptEmulatorKey } from "./commands/up-emulator-key.js";
import { keptEmulatorPort } from "./commands/up-emulator-port.js";

/**
 * One rule for the local hub a command means, used by every command:
 *
 * - which hub: `--config`, else `hub.yaml` in the working directory, else the demo hub (what `up` runs there);
 * - its state: the data directory its config names (`--data-dir` instead, where the command has it), the demo's
 *   `<incidentkit data dir>/hub`, with its database, catalog and scorecards;
 * - whether it runs, and where: the lock it holds in that data directory (PID and URL);
 * - its own account, when it delivers to a local emulator (the demo, or a hub with no account configured): the
 *   emulator's port and admin key kept in the data directory, under the alias `emulator`;
 * - its admin token, when the CLI can know it: the demo's, kept in its data directory.
 *
 * A command that found the hub by itself (no `--config`, no `--data-dir`) says which on stderr, once.
 */

/** The alias of a hub's local emulator, as the hub records it as its own account. */
export const LOCAL_EMULATOR_ALIAS = "emulator";

/** The options that name a hub. */
export interface HubFlags {
  config?: string | undefined;
  dataDir?: string | undefined;
}

export interface LocalHub {
  /** How messages name it: "the demo hub", "the hub of /srv/incidentkit/hub.yaml". */
  name: string;
  choice: HubChoice;
  /** Whether `--config` or `--data-dir` named it, rather than the CLI finding it. */
  named: boolean;
  settings: HubLocalSettings;
  /** Set while a hub process holds its data directory: its PID, and its URL once it listens. */
  running?: { pid: number; url?: string } | undefined;
  /** The local emulator it delivers to, once it has started one: where it listens and its admin key. */
  emulator?: { url: string; apiKey: string } | undefined;
  /** The hub's admin token, when it is kept where the CLI can read it (the demo's). */
  adminToken?: string | undefined;
}

/** What one run of the CLI knows: `--json` (no lines on stderr but errors), what was said, the hub found. */
interface RunState {
  json: boolean;
  announced: boolean;
  /** The hub found before the command ran, for the account choice (synchronous); or why it could not be. */
  hub?: LocalHub;
  hubError?: unknown;
  found: Map<string, Promise<LocalHub>>;
}

/** Per configuration: one per run of the CLI, and tests building programs side by side stay apart. */
const runs = new WeakMap<Config, RunState>();

function runState(config: Config): RunState {
  let state = runs.get(config);
  if (state === undefined) {
    state = { json: false, announced: false, found: new Map() };
    runs.set(config, state);
  }
  return state;
}

/** The hub the flags name, else the one found by the rule above; found once per run. */
export function findLocalHub(config: Config, flags: HubFlags): Promise<LocalHub> {
  const { found } = runState(config);
  const key = JSON.stringify([flags.config ?? null, flags.dataDir ?? null]);
  let hub = found.get(key);
  if (hub === undefined) {
    hub = locate(config, flags);
    found.set(key, hub);
  }
  return hub;
}

async function locate(config: Config, flags: HubFlags): Promise<LocalHub> {
  const choice = chooseHub(flags.config);
  const configured = await chosenHubSettings(choice, config);
  const settings = flags.dataDir === undefined ? configured : withDataDir(configured, resolve(flags.dataDir));
  const { dataDir } = settings;
  const holder = liveHolder(resolve(dataDir, LOCK_FILE_NAME));
  const port = keptEmulatorPort(dataDir);
  const apiKey = port === undefined ? undefined : keptEmulatorKey(dataDir);
  const adminToken = choice.kind === "demo" ? keptDemoAdminToken(dataDir) : undefined;
  return {
    name: choice.kind === "demo" ? "the demo hub" : `the hub of ${choice.file}`,
    choice,
    named: flags.config !== undefined || flags.dataDir !== undefined,
    settings,
    ...(holder ? { running: { pid: holder.pid, ...(holder.url !== null ? { url: holder.url } : {}) } } : {}),
    ...(port !== undefined && apiKey !== undefined
      ? { emulator: { url: `http://127.0.0.1:${port}`, apiKey } }
      : {}),
    adminToken,
  };
}

/** The hub with another data directory, as `--data-dir` asks: a SQLite database kept there moves with it. */
function withDataDir(settings: HubLocalSettings, dataDir: string): HubLocalSettings {
  const database = "dataDir" in settings.database ? { dataDir } : settings.database;
  return { ...settings, dataDir, database };
}

/** "the demo hub at http://127.0.0.1:8780 (data in …), account emulator at http://127.0.0.1:43329". */
export function describeLocalHub(hub: LocalHub): string {
  const where = hub.running
    ? hub.running.url
      ? ` at ${hub.running.url}`
      : `, starting (PID ${hub.running.pid})`
    : ", not running";
  // Its emulator runs only while it does.
  const emulator =
    hub.emulator && hub.running ? `, account ${LOCAL_EMULATOR_ALIAS} at ${hub.emulator.url}` : "";
  return `${hub.name}${where} (data in ${hub.settings.dataDir})${emulator}`;
}

/**
 * Says on stderr, once per run, which hub the command found by itself and talks to: `hub: the demo hub at …`.
 * Nothing with `--json` (stderr then carries errors only), or when the hub was named.
 */
export function announceLocalHub(
  config: Config,
  hub: LocalHub,
  line = `hub: ${describeLocalHub(hub)}`,
): void {
  const state = runState(config);
  if (hub.named || state.json || state.announced) return;
  state.announced = true;
  process.stderr.write(`${line}\n`);
}

/**
 * Before a command runs: notes `--json`, and finds the hub when the account may be its emulator (the account is
 * chosen synchronously, so the hub must be known by then). A hub config at fault is kept, to be reported by the
 * command that needs the hub, not by every command.
 */
export async function prepareRun(
  config: Config,
  opts: HubFlags & { json?: boolean },
  needsHub: boolean,
): Promise<void> {
  const state = runState(config);
  state.json = opts.json === true;
  if (!needsHub) return;
  try {
    state.hub = await findLocalHub(config, { config: opts.config, dataDir: opts.dataDir });
  } catch (error) {
    state.hubError = error;
  }
}

/** The hub found before the command ran (see `prepareRun`); throws what went wrong finding it. */
export function preparedHub(config: Config): LocalHub | undefined {
  const state = runs.get(config);
  if (state?.hubError !== undefined) throw state.hubError;
  return state?.hub;
}
