import { Command } from "commander";
import { loadConfig } from "../../config.js";
import { registerApiCommand } from "./commands/api.js";
import { registerEmulatorCommand } from "./commands/emulator.js";

/** The `incidentkit` command-line program: one file per command group under commands/. */
export function buildProgram(config = loadConfig()): Command {
  const program = new Command("incidentkit")
    .description("The self-hosted companion to incident.io: client, CLI, hub, MCP server and emulator.")
    .option("--account <alias>", "the incident.io account to use (default: the configured default)")
    .option("--debug", "print each request (redacted) to stderr")
    .exitOverride()
    .showHelpAfterError();
  registerApiCommand(program, config);
  registerEmulatorCommand(program, config);
  return program;
}
