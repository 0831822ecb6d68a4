import type { Command } from "commander";
import type { Config } from "../../../config.js";
import { globalsOf, sessionFor } from "../client.js";
import { helpAfter } from "../flags.js";

export function registerMcpCommand(program: Command, config: Config): void {
  program
    .command("mcp")
    .description("Serve the incident operations as MCP tools on stdin/stdout, for AI agents.")
    .addHelpText(
      "after",
      [
        helpAfter([
          "incidentkit mcp",
          "incidentkit --account prod mcp",
          "claude mcp add incidentkit -- npx incidentkit --account prod mcp",
        ]),
        "",
        "stdout carries the MCP protocol only; --debug lines and errors go to stderr.",
      ].join("\n"),
    )
    .action(async (_flags: unknown, command: Command) => {
      const session = sessionFor(config, globalsOf(command));
      // Loaded here, not at start: the MCP SDK would slow every other command down.
      const { serveStdio } = await import("../../mcp/index.js");
      await serveStdio(session);
    });
}
