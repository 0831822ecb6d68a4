import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { ESCALATION_STATUSES } from "../../../api/index.js";
import {
  getEscalation,
  getEscalationPath,
  listEscalationPaths,
  listEscalations,
  type OpsSession,
} from "../../../ops/index.js";
import { READ_ONLY } from "../annotations.js";
import { incidentRef } from "../inputs.js";
import { escalationId, pathName } from "../oncall-inputs.js";
import {
  EscalationPathView,
  EscalationView,
  escalationLine,
  escalationPathView,
  escalationView,
} from "../oncall-views.js";
import { moreText, nextCursor, pageInput, toPage } from "../pagination.js";
import { section } from "../render.js";
import { outputSchema, toolResult } from "../result.js";

/** Escalation path names by ID, for showing pages by the path they go through. */
export async function pathNamesOf(session: OpsSession): Promise<Map<string, string>> {
  const paths = await listEscalationPaths(session).catch(() => []);
  return new Map(paths.map((path) => [path.id, path.name]));
}

/** Escalation paths and the pages sent through them. */
export function registerEscalationReadTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_escalation_paths",
    {
      title: "List escalation paths",
      description:
        "Every escalation path (whom a page goes to, level by level) with whom its first level would page now. Use " +
        "a name from here for page's `path` or get_escalation_path.",
      outputSchema: outputSchema({ escalation_paths: z.array(EscalationPathView) }),
      annotations: READ_ONLY,
    },
    () =>
      toolResult(async () => {
        const paths = (await listEscalationPaths(session)).map(escalationPathView);
        const lines = paths.map(
          (p) => `${p.name} (id ${p.id}): first pages ${p.first_responders.join(", ") || "no one"}`,
        );
        return { text: lines.join("\n") || "No escalation paths.", data: { escalation_paths: paths } };
      }),
  );

  server.registerTool(
    "get_escalation_path",
    {
      title: "Get an escalation path",
      description:
        "One escalation path by name or ID: its levels in order, whom each pages and how long each waits.",
      inputSchema: { path: pathName },
      outputSchema: outputSchema({
        escalation_path: EscalationPathView.extend({
          steps: z.array(z.string()).describe("The path in words, in order"),
        }),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const { path, steps } = await getEscalationPath(session, args.path);
        const view = { ...escalationPathView(path), steps: steps.map((step) => step.text) };
        const text = [
          `${view.name} (id ${view.id}); first pages now: ${view.first_responders.join(", ") || "no one"}`,
          section("Steps", view.steps),
        ].join("\n");
        return { text, data: { escalation_path: view } };
      }),
  );

  server.registerTool(
    "list_escalations",
    {
      title: "List escalations (pages)",
      description:
        "Pages sent, newest first: status, whom each has paged so far and who acknowledged. Filter by status, path or " +
        "incident. Returns one page; when next_cursor is present, call again with after=<next_cursor>.",
      inputSchema: {
        status: z
          .array(z.enum(ESCALATION_STATUSES))
          .optional()
          .describe('Only these statuses, e.g. ["triggered"].'),
        path: pathName.optional(),
        incident: incidentRef.optional(),
        ...pageInput,
      },
      outputSchema: outputSchema({ escalations: z.array(EscalationView), next_cursor: nextCursor }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const [result, names] = await Promise.all([
          listEscalations(
            session,
            {
              status: args.status,
              path: args.path,
              incident: args.incident,
            },
            toPage(args),
          ),
          pathNamesOf(session),
        ]);
        const escalations = result.escalations.map((e) => escalationView(e, names));
        const text = [
          section(`${escalations.length} escalation(s)`, escalations.map(escalationLine)),
          moreText("list_escalations", result.nextCursor),
        ].join("\n");
        return {
          text,
          data: { escalations, ...(result.nextCursor ? { next_cursor: result.nextCursor } : {}) },
        };
      }),
  );

  server.registerTool(
    "get_escalation",
    {
      title: "Get an escalation (page)",
      description:
        "One page by ID: its status, whom it has paged so far, who acknowledged, the incident it is about.",
      inputSchema: { id: escalationId },
      outputSchema: outputSchema({ escalation: EscalationView }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const [escalation, names] = await Promise.all([
          getEscalation(session, args.id),
          pathNamesOf(session),
        ]);
        const view = escalationView(escalation, names);
        return { text: escalationLine(view), data: { escalation: view } };
      }),
  );
}
