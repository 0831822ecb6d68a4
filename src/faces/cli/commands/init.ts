import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { globalsOf, outputFor } from "../client.js";
import { UsageError } from "../errors.js";
import { helpAfter } from "../flags.js";
import { asConfigError } from "./hub-choice.js";
import { conflicts, type HubFile, hubFiles, writeHubFiles } from "./init-files.js";

/** A variable the hub reads, with a token generated for it. */
interface Variable {
  name: string;
  /** What it is for, for people. */
  purpose: string;
  required: boolean;
  suggested: string;
}

export function registerInitCommand(program: CommandUnknownOpts, config: Config): void {
  program
    .command("init")
    .argument("[dir]", "the folder to write the hub into (created if missing)", ".")
    .description(
      "Write a hub of your own from the examples: hub.yaml, rules.yaml, a catalog folder and scorecards. Prints the variables to set (with tokens generated for them, written nowhere) and how to start it. Refuses to overwrite files unless --force.",
    )
    .option("--force", "overwrite the files (and write into the folders) that exist")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit init my-hub", "incidentkit init", "incidentkit init my-hub --force"],
        '{ "dir", "files": [path], "variables": [{ name, purpose, required, suggested }], "start": [command] }',
      ),
    )
    .action(async (dirArgument, flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const dir = resolve(dirArgument);
      const files = hubFiles();
      const existing = conflicts(dir, files);
      if (existing.length > 0 && !flags.force) {
        throw new UsageError(
          `${dir} already has ${existing.join(", ")}: init writes ${files.length} files there and overwrites none`,
          "give another folder (incidentkit init my-hub), or pass --force to overwrite them",
        );
      }
      const variables = await checkedVariables(config, dir, files);
      writeHubFiles(dir, files);
      const start = startCommands(dirArgument);
      out.emit(
        {
          dir,
          files: files.map((file) => file.path),
          variables: variables.map(({ name, purpose, required, suggested }) => ({
            name,
            purpose,
            required,
            suggested,
          })),
          start,
        },
        () => describe(dir, files, variables, start),
      );
    });
}

/**
 * The variables the written hub.yaml reads, found by loading it (with tokens generated for them) and its rules as
 * `up` will, so what init writes is known to start.
 */
async function checkedVariables(config: Config, dir: string, files: readonly HubFile[]): Promise<Variable[]> {
  const { loadHubConfig } = await import("../../../hub/config.js");
  const { loadRules } = await import("../../../alerts/rules/index.js");
  const textOf = (path: string) => files.find((file) => file.path === path)?.text ?? "";
  const file = join(dir, "hub.yaml");
  // The variables' names, from the file as written (loading it refuses unset token variables).
  const { parse } = await import("yaml");
  const raw = parse(textOf("hub.yaml")) as {
    sources?: Record<string, { token_env?: string }>;
    admin_token_env?: string;
  };
  const sources = Object.entries(raw.sources ?? {}).flatMap(([name, source]) =>
    source.token_env === undefined ? [] : [{ name: source.token_env, source: name }],
  );
  const adminEnv = raw.admin_token_env ?? "HUB_ADMIN_TOKEN";
  const variables: Variable[] = [
    ...sources.map(({ name, source }) => ({
      name,
      purpose: `the bearer token the ${source} source's sender posts with`,
      required: true,
      suggested: newToken(),
    })),
    {
      name: adminEnv,
      purpose: "the admin token: MCP clients at /mcp, changes, any alert's detail (optional)",
      required: false,
      suggested: newToken(),
    },
  ];
  const env = Object.fromEntries(variables.map((variable) => [variable.name, variable.suggested]));
  const hub = asConfigError(() => loadHubConfig(textOf("hub.yaml"), file, { env, dataDir: config.dataDir }));
  asConfigError(() => loadRules(textOf("rules.yaml"), hub.rulesFile));
  return variables;
}

/** As `openssl rand -hex 24` makes them: 48 hexadecimal characters. */
function newToken(): string {
  return randomBytes(24).toString("hex");
}

/** How to start the hub: from its folder, where every other command finds it too. */
function startCommands(dirArgument: string): string[] {
  const here = resolve(dirArgument) === resolve(".");
  return [...(here ? [] : [`cd ${shellWord(dirArgument)}`]), "incidentkit up"];
}

function shellWord(word: string): string {
  return /^[\w./@:+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

function describe(
  dir: string,
  files: readonly HubFile[],
  variables: readonly Variable[],
  start: string[],
): string {
  const counted = (folder: string) => files.filter((file) => file.path.startsWith(`${folder}/`)).length;
  const plural = (n: number) => `${n} file${n === 1 ? "" : "s"}`;
  return [
    `Wrote a hub in ${dir}:`,
    "  hub.yaml       where it listens, its alert sources, catalog and scorecards",
    "  rules.yaml     which alerts open incidents, and when they are held back",
    `  catalog/       your services, systems and teams, as Backstage catalog-info.yaml (${plural(counted("catalog"))})`,
    `  scorecards/    what a well-run service looks like (${plural(counted("scorecards"))})`,
    "",
    "Set these where the hub runs. The tokens are generated now for you and written nowhere: keep them in your",
    "secret store, and give each sender its own.",
    ...variables.map(
      (variable) =>
        `  export ${variable.name}=${variable.suggested}${variable.required ? "" : "   # optional"}`,
    ),
    "",
    "Then start it:",
    ...start.map((line) => `  ${line}`),
    "",
    "With no incident.io account configured it opens incidents in a local emulator with demo data. To deliver to",
    "incident.io, add the account before its first start (a hub's data stays with the account it first used):",
    "  incidentkit accounts add prod --api-key-env INCIDENT_IO_API_KEY --default",
  ].join("\n");
}
