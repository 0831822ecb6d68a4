import { loadAccounts, resolveAccount } from "../../api/accounts.js";
import { IncidentIo, type RequestEvent } from "../../api/index.js";
import type { Config } from "../../config.js";

/** The global options every command that talks to incident.io reads. */
export interface GlobalFlags {
  account?: string;
  debug?: boolean;
}

/** A client for the chosen account (`--account`, else the default), with `--debug` events on stderr. */
export function clientFor(config: Config, flags: GlobalFlags): IncidentIo {
  const account = resolveAccount(loadAccounts(config), flags.account);
  return new IncidentIo({
    apiKey: account.apiKey,
    baseUrl: account.baseUrl,
    ...(flags.debug ? { onEvent: printEvent } : {}),
  });
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
