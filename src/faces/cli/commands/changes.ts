import type { Command, CommandUnknownOpts, OptionValues } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { ConfigError } from "../../../api/index.js";
import { demoTokensFile } from "../../../hub/demo-tokens.js";
import { CHANGE_KINDS, changeJson } from "../../../investigate/changes/change.js";
import { DURATION_HINT, parseDuration } from "../../../shared/duration.js";
import { isLoopbackHost } from "../../../shared/loopback.js";
import { relativeTime } from "../../../shared/relative-time.js";
import { globalsOf, outputFor } from "../client.js";
import { UsageError } from "../errors.js";
import { helpAfter, wholeNumber } from "../flags.js";
import { announceLocalHub, findLocalHub, type LocalHub } from "../local-hub.js";

/** Where the hub listens unless told: the port `incidentkit up` uses. */
export const DEFAULT_HUB_URL = "http://127.0.0.1:8780";
/** The variable the changes token is read from unless `--token-env` names another. */
export const DEFAULT_CHANGES_TOKEN_ENV = "INCIDENTKIT_CHANGES_TOKEN";
/** Tried when the changes token variable is not set: the hub's admin token may record changes too. */
const ADMIN_TOKEN_ENV = "HUB_ADMIN_TOKEN";

const KINDS = CHANGE_KINDS;

/** What `hubFor` reads of the options `hubOptions` adds. */
interface HubFlags {
  hubUrl?: string | undefined;
  tokenEnv?: string | undefined;
}

function hubOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .option(
      "--hub-url <url>",
      `the hub's address (default: $INCIDENTKIT_HUB_URL, else the local hub while it runs, else ${DEFAULT_HUB_URL})`,
    )
    .option(
      "--token-env <name>",
      `the environment variable holding the hub's changes token (default: ${DEFAULT_CHANGES_TOKEN_ENV}, else ${ADMIN_TOKEN_ENV}, else the demo hub's admin token)`,
    );
}

/**
 * The hub's change feed. The CLI talks to the hub over HTTP, like any deploy pipeline: the hub normalises
 * services against its catalog and dedupes, and the command works from any machine that can reach the hub.
 */
export function registerChangesCommand(program: CommandUnknownOpts, config: Config): void {
  const changes = program
    .command("changes")
    .description(
      "Deploys, feature-flag flips and config changes recorded by the hub, for correlating with incidents.",
    )
    .addHelpText(
      "after",
      helpAfter([
        'incidentkit changes add --service payments-api --kind deploy --description "v2.3.1"',
        "incidentkit changes list --service payments-api --since 4h",
      ]),
    );

  hubOptions(
    changes
      .command("add")
      .description("Record a change with the hub.")
      .requiredOption("--service <name>", "the service changed: its catalog name, title or ref, or any name")
      .requiredOption("--kind <kind>", `what changed: ${KINDS.join(", ")}`)
      .requiredOption("--description <text>", "what the change was, e.g. the version deployed")
      .option("--link <url>", "where to read more: the deploy's run, the pull request, the flag")
      .option("--author <name>", "who made the change")
      .option("--at <time>", "when it took effect: ISO 8601, or how long ago (15m, 2h) (default: now)")
      .option("--external-id <id>", "your ID for the change: recording it twice records it once"),
  )
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit changes add --service payments-api --kind deploy --description "v2.3.1" --author alice',
          'incidentkit changes add --service ledger --kind config --description "pool size 20 -> 50" --at 30m',
          'INCIDENTKIT_CHANGES_TOKEN=… incidentkit changes add --hub-url https://hub.internal --service checkout --kind feature_flag --description "new-cart on"',
        ],
        '{ "change": { id, service, kind, description, link, author, happened_at, received_at, source, external_id }, "duplicate": false }',
      ),
    )
    .action(async (flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const kind = flags.kind.trim().toLowerCase().replace(/-/g, "_");
      if (!(KINDS as readonly string[]).includes(kind)) {
        throw new UsageError(`--kind must be one of ${KINDS.join(", ")}; got "${flags.kind}"`);
      }
      const hub = await hubFor(config, flags);
      const { change, duplicate } = await hub.add({
        service: flags.service,
        kind,
        description: flags.description,
        link: flags.link,
        author: flags.author,
        ...(flags.at !== undefined ? { happened_at: timeOf("--at", flags.at, Date.now()) } : {}),
        external_id: flags.externalId,
      });
      out.emit({ change: changeJson(change), duplicate }, () => {
        const what = `${change.kind} to ${change.service} at ${change.happenedAt}`;
        return duplicate
          ? `Already recorded: ${what} (${change.id})`
          : `Change recorded: ${what} (${change.id})`;
      });
    });

  hubOptions(
    changes
      .command("list")
      .description("The changes the hub recorded, newest first.")
      .option("--service <name>", "only changes to this service (catalog name, title or ref)")
      .option("--since <time>", "only changes since: how long ago (30m, 24h, 7d) or ISO 8601", "24h")
      .option("--limit <n>", "how many to show (1-1000)", "100"),
  )
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit changes list", "incidentkit changes list --service payments-api --since 7d --json"],
        '{ "changes": [{ id, service, kind, description, link, author, happened_at, received_at, source, external_id }] }',
      ),
    )
    .action(async (flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const limit = wholeNumber("--limit", flags.limit, 1, 1000);
      const since = timeOf("--since", flags.since, Date.now());
      const hub = await hubFor(config, flags);
      const found = await hub.list({ since, limit, ...(flags.service ? { service: flags.service } : {}) });
      out.emit({ changes: found.map(changeJson) }, () => {
        if (found.length === 0) return `No changes since ${since}.`;
        return out.table(
          ["WHEN", "SERVICE", "KIND", "DESCRIPTION", "AUTHOR", "LINK"],
          found.map((change) => [
            relativeTime(change.happenedAt, out.now()),
            change.service,
            change.kind,
            change.description,
            change.author ?? "",
            change.link ?? "",
          ]),
          { maxWidth: 60 },
        );
      });
    });
}

/**
 * The hub to talk to and the token to send: `--hub-url`, else $INCIDENTKIT_HUB_URL, else the local hub while it
 * runs (found as every command finds it: local-hub.ts), else 127.0.0.1:8780; the token from `--token-env`, else
 * INCIDENTKIT_CHANGES_TOKEN or HUB_ADMIN_TOKEN, else, for the local hub, the admin token it keeps (the demo's).
 */
async function hubFor(config: Config, flags: HubFlags) {
  const env = config.accountEnv;
  const names =
    flags.tokenEnv !== undefined ? [flags.tokenEnv] : [DEFAULT_CHANGES_TOKEN_ENV, ADMIN_TOKEN_ENV];
  const named = flags.hubUrl ?? (env.INCIDENTKIT_HUB_URL?.trim() || undefined);
  const local = named === undefined ? await runningLocalHub(config) : undefined;
  const url = named ?? local?.running?.url ?? DEFAULT_HUB_URL;
  const token = hubToken(env, names, flags.tokenEnv === undefined ? local : undefined);
  if (local !== undefined) announceLocalHub(config, local);
  if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--hub-url must be an http(s) URL, got "${url}"`);
  const { hostname, protocol } = new URL(url);
  if (protocol === "http:" && !isLoopbackHost(hostname)) {
    throw new UsageError(
      `refusing to send the hub's token over plain HTTP to ${hostname}: anyone on the way could read it; use the hub's https:// address`,
    );
  }
  const { HubChanges } = await import("../../../investigate/changes/hub-client.js");
  return new HubChanges({ url, token: token.value, tokenSource: token.source });
}

/** The first of the variables set, else the local hub's kept admin token (named by its file in messages). */
function hubToken(
  env: Config["accountEnv"],
  names: readonly string[],
  local: LocalHub | undefined,
): { value: string; source: string } {
  const fromEnv = names.find((name) => env[name]?.trim());
  if (fromEnv !== undefined) return { value: (env[fromEnv] as string).trim(), source: fromEnv };
  if (local?.adminToken !== undefined) {
    return { value: local.adminToken, source: demoTokensFile(local.settings.dataDir) };
  }
  throw new ConfigError(
    names[0] as string,
    `no token for the hub: ${names.join(" and ")} ${names.length > 1 ? "are" : "is"} not set`,
    `set ${names[0]} to the value of the variable the hub config's changes.token_env names`,
  );
}

/** The local hub, when one is running and listening; a hub config at fault leaves it out (the URL then says). */
async function runningLocalHub(config: Config): Promise<LocalHub | undefined> {
  const hub = await findLocalHub(config, {}).catch(() => undefined);
  return hub?.running?.url === undefined ? undefined : hub;
}

/** An ISO 8601 date-time as given, or a duration ("15m", "2h", "2w") meaning that long before `now`. */
export function timeOf(flag: string, raw: string, now: number): string {
  const ago = parseDuration(raw);
  if (ago !== undefined) return new Date(now - ago).toISOString();
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw.trim()) ? Date.parse(raw.trim()) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new UsageError(
      `${flag}: ${DURATION_HINT} (how long ago), or an ISO 8601 date-time like 2026-05-01T10:00:00Z; got "${raw}"`,
    );
  }
  return new Date(at).toISOString();
}
