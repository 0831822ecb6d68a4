import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { ATTACHABLE_RESOURCE_TYPES } from "../../../api/index.js";
import {
  attachToIncident,
  getPostmortem,
  listAttachments,
  listPostmortems,
  listRelatedIncidents,
  type OpsSession,
  POSTMORTEM_MAX_CHARS,
  removeAttachment,
} from "../../../ops/index.js";
import { DESTRUCTIVE_WRITE, READ_ONLY, SAFE_WRITE } from "../annotations.js";
import {
  AttachmentView,
  attachmentLine,
  attachmentView,
  PostmortemView,
  postmortemView,
  RelatedView,
  relatedView,
} from "../context-views.js";
import { incidentRef } from "../inputs.js";
import { moreText, nextCursor, pageInput, toPage } from "../pagination.js";
import { section } from "../render.js";
import { outputSchema, toolResult } from "../result.js";

/** What hangs off an incident, read: attachments, related incidents, post-mortems and their content. */
export function registerIncidentExtraReadTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_incident_attachments",
    {
      title: "List an incident's attachments",
      description:
        "The resources attached to an incident from other systems: pull requests, dashboards, alerts, tickets, " +
        "links. Each with its system, title, link and ID.",
      inputSchema: { incident: incidentRef },
      outputSchema: outputSchema({ incident: z.string(), attachments: z.array(AttachmentView) }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const { incident, attachments } = await listAttachments(session, args.incident);
        const views = attachments.map(attachmentView);
        return {
          text: section(`${incident.reference} attachments (${views.length})`, views.map(attachmentLine)),
          data: { incident: incident.reference, attachments: views },
        };
      }),
  );

  server.registerTool(
    "list_related_incidents",
    {
      title: "List related incidents",
      description:
        "The incidents marked as related to this one in incident.io, by reference and name. Returns one page; " +
        "when next_cursor is present, call again with after=<next_cursor>.",
      inputSchema: { incident: incidentRef, ...pageInput },
      outputSchema: outputSchema({
        incident: z.string(),
        related: z.array(RelatedView),
        next_cursor: nextCursor,
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const result = await listRelatedIncidents(session, args.incident, toPage(args));
        const related = result.related.map(relatedView);
        const text = [
          section(
            `Related to ${result.incident.reference}`,
            related.map((r) => `${r.reference}  ${r.name}`),
          ),
          moreText("list_related_incidents", result.nextCursor),
        ].join("\n");
        return {
          text,
          data: {
            incident: result.incident.reference,
            related,
            ...(result.nextCursor ? { next_cursor: result.nextCursor } : {}),
          },
        };
      }),
  );

  server.registerTool(
    "list_postmortems",
    {
      title: "List post-mortems",
      description:
        "Post-mortem documents, newest first: one incident's when `incident` is given, else every incident's. " +
        "Each with its status, type and link; get_postmortem reads what one says.",
      inputSchema: {
        incident: incidentRef.optional().describe("Only this incident's post-mortems (ID, INC-123 or URL)."),
        ...pageInput,
      },
      outputSchema: outputSchema({ postmortems: z.array(PostmortemView), next_cursor: nextCursor }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const result = await listPostmortems(session, { incident: args.incident }, toPage(args));
        const postmortems = result.documents.map(postmortemView);
        const text = [
          section(
            `Post-mortems${result.incident ? ` of ${result.incident.reference}` : ""}`,
            postmortems.map((p) => `${p.title} [${p.status}, ${p.type}] ${p.url} (id ${p.id})`),
          ),
          moreText("list_postmortems", result.nextCursor),
        ].join("\n");
        return {
          text,
          data: { postmortems, ...(result.nextCursor ? { next_cursor: result.nextCursor } : {}) },
        };
      }),
  );

  server.registerTool(
    "get_postmortem",
    {
      title: "Get a post-mortem",
      description:
        "What a post-mortem says: by its ID (postmortem_id) or an incident's newest (incident); give one of the " +
        `two. Documents written in incident.io come with their markdown (cut at ${POSTMORTEM_MAX_CHARS} ` +
        "characters); external ones with their link only.",
      inputSchema: {
        postmortem_id: z
          .string()
          .min(1)
          .optional()
          .describe("A post-mortem document ID from list_postmortems."),
        incident: incidentRef
          .optional()
          .describe("An incident (ID, INC-123 or URL): its newest post-mortem."),
      },
      outputSchema: outputSchema({
        postmortem: PostmortemView,
        markdown: z.string().optional().describe("The document's content; absent for external documents"),
        truncated: z.boolean().describe("true when the markdown was cut"),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const result = await getPostmortem(session, {
          id: args.postmortem_id,
          incident: args.incident,
        });
        const postmortem = postmortemView(result.document);
        const head = `${postmortem.title} [${postmortem.status}, ${postmortem.type}] ${postmortem.url}`;
        const body =
          result.markdown !== undefined
            ? `${result.markdown}${result.truncated ? "\n\n[cut: the document goes on]" : ""}`
            : "An external document: read it at the link.";
        return {
          text: `${head}\n\n${body}`,
          data: {
            postmortem,
            markdown: result.markdown,
            truncated: result.truncated,
          },
        };
      }),
  );
}

/** Attach a resource to an incident and remove one. Both are safe to retry. */
export function registerIncidentExtraWriteTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "attach_to_incident",
    {
      title: "Attach a resource to an incident",
      description:
        "Attaches a link to an incident: a dashboard, a pull request, a ticket. By default a plain link " +
        "(arbitrary_url, with an optional title); name the system in resource_type to attach its resource. " +
        "A resource already attached is returned as it is.",
      inputSchema: {
        incident: incidentRef,
        url: z.string().min(1).max(2000).describe("The resource's full http(s) link."),
        resource_type: z
          .enum(ATTACHABLE_RESOURCE_TYPES)
          .optional()
          .describe("The system the link is in; default arbitrary_url (any link)."),
        title: z.string().min(1).max(255).optional().describe("A title to show (plain links only)."),
      },
      outputSchema: outputSchema({
        incident: z.string(),
        attachment: AttachmentView,
        created: z.boolean().describe("false when the resource was attached already"),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const result = await attachToIncident(session, args.incident, {
          url: args.url,
          type: args.resource_type,
          title: args.title,
        });
        const attachment = attachmentView(result.attachment);
        const text = result.created
          ? `Attached to ${result.incident.reference}: ${attachmentLine(attachment)}`
          : `Already attached to ${result.incident.reference}: ${attachmentLine(attachment)}`;
        return {
          text,
          data: { incident: result.incident.reference, attachment, created: result.created },
        };
      }),
  );

  server.registerTool(
    "remove_incident_attachment",
    {
      title: "Remove an incident attachment",
      description:
        "Removes an attachment from an incident, named by its ID (list_incident_attachments) or its link. " +
        "One that is not there (removed already) is not an error: changed is false.",
      inputSchema: {
        incident: incidentRef,
        attachment: z.string().min(1).describe("The attachment's ID, its link, or its external ID."),
      },
      outputSchema: outputSchema({
        incident: z.string(),
        removed: AttachmentView.optional(),
        changed: z.boolean(),
        remaining: z.array(AttachmentView).describe("What the incident has attached afterwards"),
      }),
      annotations: DESTRUCTIVE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const result = await removeAttachment(session, args.incident, args.attachment);
        const remaining = result.remaining.map(attachmentView);
        const reference = result.incident.reference;
        const text = result.attachment
          ? `Removed from ${reference}: ${attachmentLine(attachmentView(result.attachment))}`
          : `${reference} has no attachment ${JSON.stringify(args.attachment)}; nothing was removed.\n${section("Attached", remaining.map(attachmentLine))}`;
        return {
          text,
          data: {
            incident: reference,
            ...(result.attachment ? { removed: attachmentView(result.attachment) } : {}),
            changed: result.attachment !== undefined,
            remaining,
          },
        };
      }),
  );
}
