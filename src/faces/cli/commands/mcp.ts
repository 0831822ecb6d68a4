import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { BEARER_TOKEN_FIX, BEARER_TOKEN_SYNTAX } from "../../../shared/bearer-token.js";
import type { HubState } from "../../mcp/hub-state.js";
import { globalsOf, sessionFor } from "../client.js";
import { UsageError } from "../errors.js";
import { helpAfter, wholeNumber } from "../flags.js";
import { foreignAccount, hubDatabaseExists, hubStateSettings, withHubDirectory } from "./hub-directory.js";

/**
 * The longest a tool call waits for incident.io, between attempts or for a 429's pause, before it answers
 * `rate_limited` with `retry_after`: well inside the 60 s MCP clients commonly give a call, so a long
 * Retry-After never hangs one.
 */
const TOOL_WAIT_MS = 20_000;

/**
 * The bearer token `mcp --http` requires, from INCIDENTKIT_MCP_TOKEN, trimmed; one under 16 characters, or one no
 * request could carry, is refused.
 */
function mcpToken(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const token = env.INCIDENTKIT_MCP_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < 16)
    throw new UsageError(
      "INCIDENTKIT_MCP_TOKEN is shorter than 16 characters: use a longer one (openssl rand -hex 24)",
    );
  if (!BEARER_TOKEN_SYNTAX.test(token)) throw new UsageError(`INCIDENTKIT_MCP_TOKEN ${BEARER_TOKEN_FIX}`);
  return token;
}

export function registerMcpCommand(program: CommandUnknownOpts, config: Config): void {
  program
    .command("mcp")
    .description(
      "Serve the incident operations as MCP tools for AI agents: on stdin/stdout, or over Streamable HTTP with --http.",
    )
    .option("--http", "serve Streamable HTTP at http://<host>:<port>/mcp instead of stdio")
    .option("--read-only", "offer only the tools that read: an agent given this server can change nothing")
    .option("--port <port>", "with --http: port to listen on (0 picks a free one)", "8792")
    .option("--host <host>", "with --http: interface to listen on", "127.0.0.1")
    .option(
      "--allowed-host <name...>",
      "with --http: names clients address the server by (Host and Origin), besides the listening address",
    )
    .option(
      "--config <file>",
      "the hub whose state the hub tools read (default: hub.yaml here, else the demo hub's)",
    )
    .option("--data-dir <dir>", "the hub's data directory, instead of the one its config names")
    .addHelpText(
      "after",
      [
        helpAfter([
          "incidentkit mcp",
          "incidentkit --account prod mcp",
          "claude mcp add incidentkit -- npx incidentkit --account prod mcp",
          "incidentkit mcp --http --port 8792",
          "incidentkit mcp --read-only",
        ]),
        "",
        "On stdio, stdout carries the MCP protocol only; --debug lines and errors go to stderr.",
        "Over HTTP, only requests addressed to the listening host, an --allowed-host or (on loopback) localhost are answered;",
        "beyond loopback every request must carry INCIDENTKIT_MCP_TOKEN as a bearer token (set it to 16+ characters).",
        "When the hub's database exists, find_similar_incidents, list_recent_changes, get_mttr and get_investigation read it too.",
      ].join("\n"),
    )
    .action(async (flags, command) => {
      const port = wholeNumber("--port", flags.port, 0, 65535);
      const session = sessionFor(config, globalsOf(command), {
        maxRetryDelayMs: TOOL_WAIT_MS,
        maxPauseWaitMs: TOOL_WAIT_MS,
      });
      // Loaded here, not at start: the MCP SDK would slow every other command down.
      const mcp = await import("../../mcp/index.js");
      const serve = async (hub?: HubState) => {
        const options = { ...(hub ? { hub } : {}), ...(flags.readOnly ? { readOnly: true } : {}) };
        if (!flags.http) {
          await mcp.serveStdio(session, {}, options);
          return;
        }
        const token = mcpToken(config.accountEnv);
        const { url, hosts } = await mcp
          .serveHttp(session, {
            host: flags.host,
            port,
            token,
            ...(flags.allowedHost ? { allowedHosts: flags.allowedHost } : {}),
            ...options,
          })
          .catch((error: unknown) => {
            throw new UsageError(error instanceof Error ? error.message : String(error));
          });
        const reach =
          token === undefined ? "this machine only" : "whoever can reach it and holds INCIDENTKIT_MCP_TOKEN";
        process.stderr.write(
          `incidentkit MCP server (Streamable HTTP) at ${url}\nReachable by: ${reach}\nAnswers requests addressed to: ${hosts.join(", ")} (add names with --allowed-host)\nPress Ctrl+C to stop.\n`,
        );
        // The hub's database stays open while the server runs, until the process ends.
        await new Promise<never>(() => {});
      };
      const settings = await hubStateSettings(config, flags).catch((error: unknown) => {
        // The incident.io tools do not need the hub: a hub config at fault leaves out only the hub's tools.
        const reason = error instanceof Error ? error.message : String(error);
        process.stderr.write(`incidentkit mcp: the hub's tools are left out: ${reason}\n`);
        return undefined;
      });
      if (settings === undefined || !hubDatabaseExists(settings)) {
        await serve();
        return;
      }
      await withHubDirectory(settings, { verb: "search" }, async (directory, store) => {
        // The hub's tools answer from its database: for another account's session they would answer about
        // another organisation's incidents.
        const foreign = await foreignAccount(settings, store, session.alias);
        if (foreign === undefined) return serve({ directory, store });
        process.stderr.write(`incidentkit mcp: the hub's tools are left out: ${foreign}\n`);
        return serve();
      });
    });
}
