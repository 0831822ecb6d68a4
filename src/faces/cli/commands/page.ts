import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { listEscalationPaths, type OpsSession, page, pagedWords, pageWho } from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { UsageError } from "../errors.js";
import { collect, helpAfter } from "../flags.js";
import { escalationDetails } from "../output/oncall-view.js";

/** Escalation path names by ID, to show a page by the path it goes through. */
export async function pathNames(s: OpsSession): Promise<Map<string, string>> {
  const paths = await listEscalationPaths(s).catch(() => []);
  return new Map(paths.map((path) => [path.id, path.name]));
}

export function registerPageCommand(program: CommandUnknownOpts, config: Config): void {
  program
    .command("page")
    .description(
      "Page someone: a service's on-call (through its team's escalation path), a team, a path, a schedule, or people. " +
        "The same page again while it is under way finds it instead of paging twice.",
    )
    .option("--title <text>", "what is wrong, as the person paged reads it")
    .option("--service <name>", "a catalog service: its owner team's escalation path (or schedule)")
    .option("--team <name>", "a catalog team: its escalation path (or schedule)")
    .option("--path <name>", "an escalation path by name or ID")
    .option("--schedule <name>", "an on-call schedule: whoever is on call on it now")
    .option("--user <name>", "a person by name or email (repeatable)", collect)
    .option("--description <text>", "more detail for the person paged")
    .option("--incident <ref>", "the incident it is about: ID, INC-123 or URL")
    .option("--idempotency-key <key>", "your own key; by default one is derived from the input")
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit page --service payments-api --title "Payments API failing" --incident INC-123',
          'incidentkit page --path "Payments urgent" --title "Card payments down"',
          'incidentkit page --user "Daniel Kim" --user amara.nwosu@acme.example --title "Need a second pair of eyes"',
        ],
        '{ "escalation": incident.io escalation, "paged": string, "chain": [string], "idempotency_key": string, "created": boolean | "unknown" }',
      ),
    )
    .action(async (flags, command) => {
      if (flags.title === undefined) throw new UsageError('page needs --title "…": what is wrong');
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const s = sessionFor(config, globals);
      const paged = await page(s, {
        who: pageWho({
          service: flags.service,
          team: flags.team,
          path: flags.path,
          schedule: flags.schedule,
          user: flags.user,
        }),
        title: flags.title,
        description: flags.description,
        incident: flags.incident,
        idempotencyKey: flags.idempotencyKey,
      });
      const names = await pathNames(s);
      out.emit(
        {
          escalation: paged.escalation,
          paged: paged.target,
          chain: paged.chain,
          idempotency_key: paged.idempotencyKey,
          created: paged.created,
        },
        () =>
          [
            `${pagedWords(paged.created)}: ${paged.chain.join(" → ")}`,
            "",
            escalationDetails(paged.escalation, names, out),
            "",
            `Idempotency key: ${paged.idempotencyKey}`,
          ].join("\n"),
      );
    });
}
