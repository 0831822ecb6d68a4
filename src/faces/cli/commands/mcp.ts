import type { Command } from "commander";
import type { Config } from "../../../config.js";
import { globalsOf, sessionFor } from "../client.js";
import { helpAfter, wholeNumber } from "../flags.js";

export function registerMcpCommand(program: Command, config: Config): void {
  program
    .command("mcp")
    .description(
      "Serve the incident operations as MCP tools for AI agents: on stdin/stdout, or over Streamable HTTP with --http.",
    )
    .option("--http", "serve Streamable HTTP at http://<host>:<port>/mcp instead of stdio")
    .option("--port <port>", "with --http: port to listen on (0 picks a free one)", "8792")
    .option("--host <host>", "with --http: interface to listen on", "127.0.0.1")
    .addHelpText(
      "after",
      [
        helpAfter([
          "incidentkit mcp",
          "incidentkit --account prod mcp",
          "claude mcp add incidentkit -- npx incidentkit --account prod mcp",
          "incidentkit mcp --http --port 8792",
        ]),
        "",
        "On stdio, stdout carries the MCP protocol only; --debug lines and errors go to stderr.",
        "Over HTTP, only requests addressed to the listening host (or localhost) are answered.",
      ].join("\n"),
    )
    .action(async (flags: { http?: boolean; port: string; host: string }, command: Command) => {
      const port = wholeNumber("--port", flags.port, 0, 65535);
      const session = sessionFor(config, globalsOf(command));
      // Loaded here, not at start: the MCP SDK would slow every other command down.
      const mcp = await import("../../mcp/index.js");
      if (!flags.http) {
        await mcp.serveStdio(session);
        return;
      }
      const url = await mcp.serveHttp(session, { host: flags.host, port });
      process.stderr.write(`incidentkit MCP server (Streamable HTTP) at ${url}\nPress Ctrl+C to stop.\n`);
    });
}
