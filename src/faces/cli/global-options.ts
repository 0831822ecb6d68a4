import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";

/** Declares the options every command takes (given before or after the command's name); their type follows. */
export function withGlobalOptions(program: Command) {
  return program
    .option("--account <alias>", "the incident.io account to use (default: the configured default)")
    .option("--json", "print one JSON document on stdout (errors as JSON on stderr)")
    .option("--debug", "print each request (redacted) to stderr")
    .option("--timeout <seconds>", "how long to wait for each answer from incident.io (default 30)");
}

/** The global options as parsed: `timeout` is the seconds as typed. */
export type GlobalFlags = ReturnType<ReturnType<typeof withGlobalOptions>["opts"]>;

/**
 * The global options as given anywhere on the command line. A command is registered on its parent untyped, so
 * its own type no longer carries the program's options: this is where they are read back as declared above.
 */
export function globalsOf(command: CommandUnknownOpts): GlobalFlags {
  return command.optsWithGlobals() as GlobalFlags;
}
