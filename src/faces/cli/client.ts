import type { Account } from "../../api/accounts.js";
import type { Config } from "../../api/config.js";
import { IncidentIo, type IncidentIoOptions, type RequestEvent } from "../../api/index.js";
import { type OpsSession, openSession } from "../../ops/index.js";
import { UsageError } from "./errors.js";
import type { GlobalFlags } from "./global-options.js";
import { chooseAccount } from "./local-account.js";
import { createOutput, type Output } from "./output/output.js";

export { type GlobalFlags, globalsOf } from "./global-options.js";

/** The chosen account: `--account`, else the default; else a local hub's own (see local-account.ts). */
export function accountFor(config: Config, flags: GlobalFlags): Account {
  return chooseAccount(config, flags.account);
}

/** What every client of this run is built with: `--debug` events on stderr. */
export function clientOptionsFor(flags: GlobalFlags): Partial<IncidentIoOptions> {
  return {
    ...(flags.debug ? { onEvent: printEvent } : {}),
    ...(flags.timeout !== undefined ? { timeoutMs: timeoutMs(flags.timeout) } : {}),
  };
}

function timeoutMs(raw: string): number {
  const seconds = Number(raw);
  if (raw.trim() === "" || !(seconds > 0 && seconds <= 600)) {
    throw new UsageError(`--timeout must be a number of seconds above 0 and at most 600, got "${raw}"`);
  }
  return Math.round(seconds * 1000);
}

/** A client for the chosen account (`--account`, else the default), with `--debug` events on stderr. */
export function clientFor(config: Config, flags: GlobalFlags): IncidentIo {
  const account = accountFor(config, flags);
  return new IncidentIo({ apiKey: account.apiKey, baseUrl: account.baseUrl, ...clientOptionsFor(flags) });
}

/**
 * An operations session on the chosen account, for the commands that work on incidents and settings; `options`
 * adds to the client's (the hub's rate limit and shared rate budget).
 */
export function sessionFor(
  config: Config,
  flags: GlobalFlags,
  options: Partial<IncidentIoOptions> = {},
): OpsSession {
  const account = accountFor(config, flags);
  const io = new IncidentIo({
    apiKey: account.apiKey,
    baseUrl: account.baseUrl,
    ...clientOptionsFor(flags),
    ...options,
  });
  return openSession(io, {
    alias: account.alias,
    closedStatus: account.closedStatus,
  });
}

/** Where the command's answer goes, by `--json` and whether stdout is a terminal. */
export function outputFor(config: Config, flags: GlobalFlags): Output {
  return createOutput({ json: flags.json, env: config.accountEnv });
}

/** One line per attempt; events are redacted by the transport and never carry the key. */
function printEvent(event: RequestEvent): void {
  const status = event.status ?? event.error ?? "no answer";
  const retry = event.retryInMs !== undefined ? ` retry in ${event.retryInMs} ms` : "";
  const id = event.requestId ? ` request_id=${event.requestId}` : "";
  process.stderr.write(
    `debug: ${event.method} ${event.url} -> ${status} (${Math.round(event.durationMs)} ms, attempt ${event.attempt})${id}${retry}\n`,
  );
}
