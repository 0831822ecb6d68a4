import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { ConfigError } from "../../../api/index.js";
import type { ScorecardResult } from "../../../scorecards/index.js";
import { globalsOf, outputFor } from "../client.js";
import { helpAfter } from "../flags.js";
import {
  type HubStateFlags,
  hubAccount,
  hubStateSettings,
  requireHubAccount,
  withHubDirectory,
} from "./hub-directory.js";

interface CheckFlags extends HubStateFlags {
  scorecard?: string | undefined;
  entity?: string | undefined;
}

/** A rule failed for an entity checked: the exit code a CI step fails on. */
const FAILED_EXIT_CODE = 1;

export function registerScorecardsCommand(program: CommandUnknownOpts, config: Config): void {
  const scorecards = program
    .command("scorecards")
    .description("Scorecards as code: grade catalog entities by their incidents and fields.")
    .addHelpText(
      "after",
      helpAfter(["incidentkit scorecards check", "incidentkit scorecards check --entity payments-api"]),
    );
  scorecards
    .command("check")
    .description(
      "Evaluate the hub's scorecards over its catalog and mirrored incidents; exits 1 when a rule fails (for CI).",
    )
    .option("--scorecard <name>", "only this scorecard (by name, any case)")
    .option(
      "--entity <name>",
      "only this entity (name or ref, e.g. payments-api or component:default/payments-api)",
    )
    .option("--config <file>", "the hub's config file (default: hub.yaml here, else the demo hub's)")
    .option("--data-dir <dir>", "the hub's data directory, instead of the one its config names")
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit scorecards check",
          "incidentkit scorecards check --scorecard Reliability --entity payments-api",
          "incidentkit scorecards check --config hub.yaml --json",
        ],
        '{ "scorecards": [{ scorecard, file, levels, problems, entities: [{ entity, level, score, rules: [{ level, rule, outcome, explanation, hint }], nextLevel }] }], "failed": boolean }',
      ),
    )
    .action(async (flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const settings = await hubStateSettings(config, flags);
      if (settings.scorecards === undefined) {
        throw new ConfigError(
          "config",
          "the hub config names no scorecards",
          "add `scorecards: ./scorecards` to it",
        );
      }
      const asked = globalsOf(command).account;
      await withHubDirectory(
        settings,
        { scorecards: settings.scorecards, verb: "grade" },
        async (directory, store) => {
          const snapshot = await directory.current();
          let results = select(snapshot.scorecards, flags, directory.catalog.entities);
          if (asked !== undefined) {
            // Only the entities whose incidents live in that account, which the hub must serve.
            await requireHubAccount(settings, store, asked);
            const own = await hubAccount(settings, store);
            const refs = new Set(
              directory.catalog.entities
                .filter((entity) => (entity.account ?? settings.catalog?.account ?? own) === asked)
                .map((entity) => entity.ref),
            );
            results = results.map((result) => ({
              ...result,
              entities: result.entities.filter((entry) => refs.has(entry.entity)),
            }));
          }
          const failed = results.some(
            (result) =>
              result.problems.length > 0 ||
              result.entities.some((entity) => entity.rules.some((rule) => !rule.passed)),
          );
          out.emit({ scorecards: results, failed }, () => describe(results));
          if (failed) process.exitCode = FAILED_EXIT_CODE;
        },
      );
    });
}

function select(
  results: ScorecardResult[],
  flags: CheckFlags,
  entities: ReadonlyArray<{ ref: string; name: string }>,
): ScorecardResult[] {
  let chosen = results;
  if (flags.scorecard !== undefined) {
    const wanted = flags.scorecard.trim().toLowerCase();
    chosen = results.filter((result) => result.scorecard.toLowerCase() === wanted);
    if (chosen.length === 0) {
      throw new ConfigError(
        "config",
        `no scorecard is called "${flags.scorecard}"`,
        `use one of: ${results.map((result) => result.scorecard).join(", ")}`,
      );
    }
  }
  if (flags.entity === undefined) return chosen;
  const wanted = flags.entity.trim().toLowerCase();
  const entity = entities.find((e) => e.ref.toLowerCase() === wanted || e.name.toLowerCase() === wanted);
  if (!entity) {
    throw new ConfigError(
      "config",
      `the catalog has no entity "${flags.entity}"`,
      "give a name or ref from `incidentkit catalog list`",
    );
  }
  return chosen.map((result) => ({
    ...result,
    entities: result.entities.filter((entry) => entry.entity === entity.ref),
  }));
}

function describe(results: ScorecardResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.scorecard} (${result.levels.join(" → ")})`);
    for (const problem of result.problems) lines.push(`  problem: ${problem}`);
    for (const entity of result.entities) {
      const failing = entity.rules.filter((rule) => !rule.passed);
      lines.push(
        `  ${entity.entity}: ${entity.level ?? "no level"}${failing.length ? "" : " (every rule passes)"}`,
      );
      for (const rule of failing) {
        lines.push(`    ✗ [${rule.level}] ${rule.rule}: ${rule.explanation}`);
        if (rule.hint) lines.push(`      hint: ${rule.hint}`);
      }
    }
    lines.push("");
  }
  return lines.join("\n");
}
