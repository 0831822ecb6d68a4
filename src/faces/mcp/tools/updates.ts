import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { listUpdates, type OpsSession, postedText, postUpdate } from "../../../ops/index.js";
import { READ_ONLY, SAFE_WRITE } from "../annotations.js";
import { idempotencyKey, incidentRef, severityName, statusName } from "../inputs.js";
import { moreText, nextCursor, pageInput, toPage } from "../pagination.js";
import { section, updateLine } from "../render.js";
import { outputSchema, toolResult } from "../result.js";
import { UpdateView, updateView } from "../views.js";

/** Reading an incident's updates: the status/severity changes and messages posted on it. */
export function registerUpdateReadTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_incident_updates",
    {
      title: "List incident updates",
      description:
        "The updates posted on one incident: messages and the status/severity each set. Returns one page; when " +
        "next_cursor is present, call again with after=<next_cursor>.",
      inputSchema: { incident: incidentRef, ...pageInput },
      outputSchema: outputSchema({ updates: z.array(UpdateView), next_cursor: nextCursor }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const page = await listUpdates(session, args.incident, toPage(args));
        const updates = page.updates.map(updateView);
        const text = [
          section(`${updates.length} update(s)`, updates.map(updateLine)),
          moreText("list_incident_updates", page.nextCursor),
        ].join("\n");
        return { text, data: { updates, ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}) } };
      }),
  );
}

/** Posting an update on an incident. */
export function registerUpdateWriteTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "post_incident_update",
    {
      title: "Post an incident update",
      description:
        "Posts an update message on an incident, optionally moving it to a new status or severity at the same " +
        "time. Retrying with the same input posts it once.",
      inputSchema: {
        incident: incidentRef,
        message: z.string().min(1).describe("The update for responders and stakeholders, in Markdown."),
        status: statusName.optional().describe("A new status to set with this update, by name or ID."),
        severity: severityName.optional().describe("A new severity to set with this update, by name or ID."),
        idempotency_key: idempotencyKey,
      },
      outputSchema: outputSchema({
        update: UpdateView,
        idempotency_key: z.string().describe("The key used; pass it again to retry this exact update"),
        created: z
          .union([z.boolean(), z.literal("unknown")])
          .describe(
            'true when this call posted the update; false when it found the one the same input posted minutes ago; "unknown" when the key may not list the incident\'s updates, so which cannot be told',
          ),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const input: { message: string; status?: string; severity?: string; idempotencyKey?: string } = {
          message: args.message,
        };
        if (args.status !== undefined) input.status = args.status;
        if (args.severity !== undefined) input.severity = args.severity;
        if (args.idempotency_key !== undefined) input.idempotencyKey = args.idempotency_key;
        const result = await postUpdate(session, args.incident, input);
        const update = updateView(result.update);
        return {
          text: `${postedText(result)} Update ${update.id}, idempotency key ${result.idempotencyKey}.\n${updateLine(update)}`,
          data: { update, idempotency_key: result.idempotencyKey, created: result.created },
        };
      }),
  );
}
