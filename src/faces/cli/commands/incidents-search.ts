import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import {
  type IncidentQuery,
  SEARCH_DEFAULT_PAGES,
  SEARCH_MAX_PAGES,
  type SearchResult,
  searchIncidents,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { collect, helpAfter, wholeNumber } from "../flags.js";
import { incidentTable } from "../output/incident-view.js";

function stopLine(result: SearchResult): string {
  switch (result.stoppedAt) {
    case "end":
      return `Searched every incident (${result.scanned}).`;
    case "matches":
      return `Stopped at --limit after reading ${result.scanned} incident(s). More: add --after ${result.nextCursor}`;
    case "pages":
      return `Stopped after reading ${result.scanned} incident(s) (${result.pages} page(s)); older ones were not searched. Search on: add --after ${result.nextCursor}, or raise --max-pages.`;
  }
}

/** `incidents search "<text>"`: words over names and summaries, read from the list page by page, bounded. */
export function registerIncidentSearch(incidents: CommandUnknownOpts, config: Config): void {
  incidents
    .command("search")
    .description(
      "Find incidents whose name or summary holds every word of the text, newest first. incident.io has no text " +
        "search: this reads the list and filters it, stopping at --limit matches or --max-pages pages.",
    )
    .argument("<text>", "the words to look for (any case)")
    .option("--status-category <category>", "only this status category, e.g. closed (repeatable)", collect)
    .option("--severity <name>", "only this severity, by name or ID (repeatable)", collect)
    .option("--created-after <date>", "created on or after this date or date-time")
    .option("--created-before <date>", "created on or before this date or date-time")
    .option("--limit <n>", "matches to show at most, 1 to 250", "25")
    .option(
      "--max-pages <n>",
      `pages of 250 incidents to read at most, 1 to ${SEARCH_MAX_PAGES}`,
      String(SEARCH_DEFAULT_PAGES),
    )
    .option("--after <cursor>", "carry on where an earlier search with the same text stopped")
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit incidents search "checkout timeout"',
          'incidentkit incidents search "braintree" --status-category closed --limit 5',
          'incidentkit incidents search "dns" --max-pages 40 --json',
        ],
        '{ "incidents": [...], "scanned": number, "stopped_at": "end" | "matches" | "pages", "next_cursor": string | null, "total": number | null }',
      ),
    )
    .action(async (text, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const query: IncidentQuery = {};
      if (flags.statusCategory) query.statusCategory = flags.statusCategory;
      if (flags.severity) query.severity = flags.severity;
      if (flags.createdAfter) query.createdAfter = flags.createdAfter;
      if (flags.createdBefore) query.createdBefore = flags.createdBefore;
      const result = await searchIncidents(sessionFor(config, globals), text, {
        query,
        limit: wholeNumber("--limit", flags.limit, 1, 250),
        maxPages: wholeNumber("--max-pages", flags.maxPages, 1, SEARCH_MAX_PAGES),
        after: flags.after,
      });
      out.emit(
        {
          incidents: result.incidents,
          scanned: result.scanned,
          stopped_at: result.stoppedAt,
          next_cursor: result.nextCursor ?? null,
          total: result.total ?? null,
        },
        () =>
          [
            result.incidents.length === 0
              ? `No incident matches "${text}".`
              : incidentTable(result.incidents, out),
            "",
            stopLine(result),
          ].join("\n"),
      );
    });
}
