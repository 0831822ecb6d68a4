import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import { describe, expect, it } from "vitest";
import { buildProgram } from "./program.js";

function everyCommand(command: CommandUnknownOpts, path: string[] = []): [string, Command][] {
  return command.commands.flatMap((child) => {
    const childPath = [...path, child.name()];
    return [[childPath.join(" "), child] as [string, Command], ...everyCommand(child, childPath)];
  });
}

function helpOf(command: CommandUnknownOpts): string {
  let text = "";
  command.configureOutput({
    writeOut: (chunk) => {
      text += chunk;
    },
  });
  command.outputHelp();
  return text;
}

describe("incidentkit --help", () => {
  const program = buildProgram({ dataDir: "data", configFile: "config.json", accountEnv: {} });

  it("has at least one example for every command, using that command", () => {
    const commands = everyCommand(program);
    expect(commands.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        "accounts add",
        "verify",
        "incidents close",
        "updates post",
        "roles list",
        "mcp",
      ]),
    );
    for (const [path, command] of commands) {
      expect(helpOf(command), path).toMatch(new RegExp(`Examples:\\n {2}\\S*.*incidentkit .*${path}`));
    }
  });

  it("offers --account, --json and --debug on the program", () => {
    const flags = program.options.map((option) => option.long);
    expect(flags).toEqual(expect.arrayContaining(["--account", "--json", "--debug"]));
  });
});
