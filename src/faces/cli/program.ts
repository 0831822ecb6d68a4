import { Command } from "commander";
import { loadConfig } from "../../config.js";
import { registerEmulatorCommand } from "./commands/emulator.js";

/** The `incidentkit` command-line program: one file per command group under commands/. */
export function buildProgram(config = loadConfig()): Command {
  const program = new Command("incidentkit")
    .description("The self-hosted companion to incident.io: client, CLI, hub, MCP server and emulator.")
    .showHelpAfterError();
  registerEmulatorCommand(program, config);
  return program;
}
