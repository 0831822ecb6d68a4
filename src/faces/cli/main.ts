#!/usr/bin/env node
import { CommanderError } from "commander";
import { describeError, exitCodeFor } from "./errors.js";
import { buildProgram } from "./program.js";

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // Commander has already printed its own usage errors.
    if (!(error instanceof CommanderError)) process.stderr.write(describeError(error));
    process.exitCode = exitCodeFor(error);
  });
