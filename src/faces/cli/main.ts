#!/usr/bin/env node
import { CommanderError } from "@commander-js/extra-typings";
import { describeError, describeErrorAsJson, exitCodeFor, UsageError } from "./errors.js";
import { buildProgram } from "./program.js";

// `incidentkit incidents list | head`: the reader left, so there is nothing more to say.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const program = buildProgram();
program.parseAsync(process.argv).catch((error: unknown) => {
  const json = program.opts().json === true;
  // Commander has already printed its own usage errors; in --json mode a group's help (no subcommand) is silenced.
  if (!(error instanceof CommanderError)) {
    process.stderr.write(json ? describeErrorAsJson(error) : describeError(error));
  } else if (json && error.code === "commander.help") {
    process.stderr.write(describeErrorAsJson(new UsageError("a subcommand is needed")));
  }
  process.exitCode = exitCodeFor(error);
});
