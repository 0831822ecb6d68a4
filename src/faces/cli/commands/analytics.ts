import type { Command, CommandUnknownOpts, OptionValues } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { ConfigError } from "../../../api/index.js";
import { MTTR_DIMENSIONS, type MttrDimension } from "../../../investigate/analytics/dimensions.js";
import type { PriorityMapping, TimeWindow } from "../../../investigate/analytics/index.js";
import { PERIOD_UNITS, type PeriodUnit } from "../../../investigate/analytics/periods.js";
import { globalsOf, outputFor } from "../client.js";
import { helpAfter, oneOfWords } from "../flags.js";
import { countsText, mttrText } from "../output/analytics-view.js";
import { hubStateSettings, reportedAccount, withHubDirectory } from "./hub-directory.js";

const MTTR_SINCE = "90d";
const COUNTS_SINCE = "180d";

export function registerAnalyticsCommand(program: CommandUnknownOpts, config: Config): void {
  const analytics = program
    .command("analytics")
    .description("Time to resolve and incident counts over the hub's mirrored incidents.")
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit analytics mttr --by severity --since 90d",
        "incidentkit analytics counts --by month",
      ]),
    );
  withCommonOptions(
    analytics
      .command("mttr")
      .description(
        "Time to resolve (mean, median, p95) of the incidents created in a window, by severity, service, team or period.",
      )
      .option("--by <dimension>", `group by ${MTTR_DIMENSIONS.join(", ")}`, "severity"),
    MTTR_SINCE,
  )
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit analytics mttr --by severity --since 90d",
          "incidentkit analytics mttr --by team --from 2026-01-01 --to 2026-04-01",
          'incidentkit analytics mttr --by severity --priorities "Critical=P0,Major=P1,Minor=P2"',
          "incidentkit --json analytics mttr --by month --since 365d",
        ],
        '{ "mttr": { by, window: { from, to }, percentile, rows: [{ key, label, priority?, rank?, from?, to?, resolved, open, meanSeconds, medianSeconds, p95Seconds, mean, median, p95 }], all: {…}, excluded, priorities? } }',
      ),
    )
    .action(async (flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const by = oneOfWords("--by", flags.by ?? "severity", MTTR_DIMENSIONS) as MttrDimension;
      const now = Date.now();
      const analysis = await analyticsModule();
      const window = windowFrom(analysis, flags, MTTR_SINCE, now);
      const configured = prioritiesFrom(analysis, flags);
      const settings = await hubStateSettings(config, flags);
      if ((by === "service" || by === "team") && settings.catalog === undefined) {
        throw new ConfigError(
          "config",
          `the hub config names no catalog, so incidents have no ${by}`,
          "add `catalog: { dir: ./catalog, field: Affected services }` to it, or use --by severity",
        );
      }
      await withHubDirectory(settings, { verb: "analyse" }, async (directory, store) => {
        const account = await reportedAccount(settings, store, globalsOf(command).account);
        const { accountMttr, hubAnalytics } = await import("../../../app/analytics.js");
        const report = accountMttr(await hubAnalytics(directory), {
          by,
          window,
          now,
          account,
          priorities: configured,
        });
        out.emit({ mttr: report }, () => mttrText(report, out));
      });
    });
  withCommonOptions(
    analytics
      .command("counts")
      .description(
        "Incidents created per month or week, by severity (with its priority), and how many are open.",
      )
      .option("--by <period>", `group by ${PERIOD_UNITS.join(" or ")}`, "month"),
    COUNTS_SINCE,
  )
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit analytics counts --by month",
          "incidentkit analytics counts --by week --since 12w",
          "incidentkit --json analytics counts --from 2026-01-01",
        ],
        '{ "counts": { by, window: { from, to }, severities: [{ name, rank, priority }], rows: [{ period, from, to, total, open, bySeverity: { "<severity>": n } }], total, excluded } }',
      ),
    )
    .action(async (flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const by = oneOfWords("--by", flags.by ?? "month", PERIOD_UNITS) as PeriodUnit;
      const now = Date.now();
      const analysis = await analyticsModule();
      const window = windowFrom(analysis, flags, COUNTS_SINCE, now);
      const configured = prioritiesFrom(analysis, flags);
      const settings = await hubStateSettings(config, flags);
      await withHubDirectory(settings, { verb: "count" }, async (directory, store) => {
        const account = await reportedAccount(settings, store, globalsOf(command).account);
        const { accountCounts, hubAnalytics } = await import("../../../app/analytics.js");
        const report = accountCounts(await hubAnalytics(directory), {
          by,
          window,
          now,
          account,
          priorities: configured,
        });
        out.emit({ counts: report }, () => countsText(report, out));
      });
    });
}

function withCommonOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
  defaultSince: string,
) {
  return command
    .option("--since <duration>", `the window: created in the past 90d, 12w, 36h… (default ${defaultSince})`)
    .option("--from <date>", "the window starts at this date (UTC) or date-time, instead of --since")
    .option("--to <date>", "the window ends before this date (UTC) or date-time (default: now)")
    .option(
      "--priorities <map>",
      'severity → priority, like "Critical=P0,Major=P1,Minor=P2" (default: by name, else by rank)',
    )
    .option("--config <file>", "the hub's config file (default: hub.yaml here, else the demo hub's)")
    .option("--data-dir <dir>", "the hub's data directory, instead of the one its config names");
}

/** The options both analytics commands take, as parsed. */
type AnalyticsFlags = ReturnType<
  ReturnType<typeof withCommonOptions<[], Record<never, never>, Record<never, never>>>["opts"]
>;

/** Loaded when an analytics command runs, not at every command's start. */
function analyticsModule() {
  return import("../../../investigate/analytics/index.js");
}

type Analytics = Awaited<ReturnType<typeof analyticsModule>>;

function windowFrom(
  analysis: Analytics,
  flags: AnalyticsFlags,
  defaultSince: string,
  now: number,
): TimeWindow {
  // A window that cannot be read is an `AnalyticsInputError`: an invalid argument, exit code 2.
  return analysis.windowOf(
    {
      since: flags.since,
      from: flags.from,
      to: flags.to,
    },
    now,
    defaultSince,
  );
}

function prioritiesFrom(analysis: Analytics, flags: AnalyticsFlags): PriorityMapping | undefined {
  const raw = flags.priorities;
  return raw === undefined ? undefined : analysis.parsePriorityConfig(raw);
}
