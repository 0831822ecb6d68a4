import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { INCIDENT_STATUS_CATEGORIES, MAX_PAGE_SIZE } from "../../../api/index.js";
import {
  DEFAULT_LIMIT,
  type IncidentQuery,
  type OpsSession,
  SEARCH_DEFAULT_PAGES,
  SEARCH_MAX_PAGES,
  type SearchResult,
  searchIncidents,
} from "../../../ops/index.js";
import { READ_ONLY } from "../annotations.js";
import { dateBound } from "../inputs.js";
import { nextCursor } from "../pagination.js";
import { incidentLine } from "../render.js";
import { outputSchema, toolResult } from "../result.js";
import { IncidentView, incidentView } from "../views.js";

/** Why the search stopped, in words, with how to go on. */
function stopText(result: SearchResult): string {
  switch (result.stoppedAt) {
    case "end":
      return `Read every incident (${result.scanned}); no more results.`;
    case "matches":
      return `Stopped at the limit after reading ${result.scanned} incident(s); call search_incidents again with after=${result.nextCursor} for more.`;
    case "pages":
      return `Stopped after reading ${result.scanned} incident(s) (${result.pages} page(s)), the bound of one call; older incidents were not searched: call again with after=${result.nextCursor} to search on.`;
  }
}

/** Free text over incidents' names and summaries. */
export function registerSearchTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "search_incidents",
    {
      title: "Search incidents",
      description:
        "Finds incidents whose name or summary contains every word of `text` (any case), newest first. " +
        "incident.io has no text search, so this reads the incident list and filters it: each call reads at most " +
        `max_pages pages of ${MAX_PAGE_SIZE} (default ${SEARCH_DEFAULT_PAGES}) and returns at most limit matches; ` +
        "stopped_at says why it stopped and next_cursor carries on. Filters narrow the list first.",
      inputSchema: {
        text: z.string().min(1).max(200).describe('Words to look for, e.g. "checkout timeout".'),
        status_category: z
          .array(z.enum(INCIDENT_STATUS_CATEGORIES))
          .optional()
          .describe('Only incidents whose status is in one of these categories, e.g. ["closed"].'),
        severity: z
          .array(z.string().min(1))
          .optional()
          .describe('Only incidents with one of these severities, by name (e.g. "Major") or ID.'),
        created_after: dateBound("Only incidents created at or after this"),
        created_before: dateBound("Only incidents created at or before this"),
        limit: z
          .number()
          .int()
          .min(1)
          .max(MAX_PAGE_SIZE)
          .optional()
          .describe(`Matches to return at most (1-${MAX_PAGE_SIZE}, default ${DEFAULT_LIMIT}).`),
        max_pages: z
          .number()
          .int()
          .min(1)
          .max(SEARCH_MAX_PAGES)
          .optional()
          .describe(`Pages of ${MAX_PAGE_SIZE} incidents to read at most (default ${SEARCH_DEFAULT_PAGES}).`),
        after: z
          .string()
          .min(1)
          .optional()
          .describe("The next_cursor of a previous search with the same text and filters, to carry on."),
      },
      outputSchema: outputSchema({
        incidents: z.array(IncidentView),
        scanned: z.number().describe("Incidents read and tested"),
        stopped_at: z
          .enum(["end", "matches", "pages"])
          .describe("end: every incident was read; matches: limit reached; pages: max_pages read"),
        next_cursor: nextCursor,
        total: z.number().optional().describe("How many incidents the filters match, when incident.io says"),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const query: IncidentQuery = {};
        if (args.status_category) query.statusCategory = args.status_category;
        if (args.severity) query.severity = args.severity;
        if (args.created_after) query.createdAfter = args.created_after;
        if (args.created_before) query.createdBefore = args.created_before;
        const result = await searchIncidents(session, args.text, {
          query,
          limit: args.limit,
          maxPages: args.max_pages,
          after: args.after,
        });
        const incidents = result.incidents.map(incidentView);
        const text = [
          `${incidents.length} incident(s) match "${args.text}":`,
          ...incidents.map(incidentLine),
          stopText(result),
        ].join("\n");
        return {
          text,
          data: {
            incidents,
            scanned: result.scanned,
            stopped_at: result.stoppedAt,
            ...(result.nextCursor ? { next_cursor: result.nextCursor } : {}),
            total: result.total,
          },
        };
      }),
  );
}
