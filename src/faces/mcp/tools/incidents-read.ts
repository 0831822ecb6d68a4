import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { INCIDENT_STATUS_CATEGORIES } from "../../../api/index.js";
import {
  getIncident,
  type IncidentQuery,
  incidentContext,
  listIncidents,
  type OpsSession,
} from "../../../ops/index.js";
import { READ_ONLY } from "../annotations.js";
import {
  AttachmentView,
  attachmentLine,
  attachmentView,
  RelatedView,
  relatedView,
} from "../context-views.js";
import { dateBound, incidentRef } from "../inputs.js";
import { moreText, nextCursor, pageInput, toPage } from "../pagination.js";
import { incidentDetails, incidentLine, section, updateLine } from "../render.js";
import { outputSchema, toolResult } from "../result.js";
import { IncidentView, incidentView, UpdateView, updateView } from "../views.js";

const names = (what: string) => z.array(z.string().min(1)).optional().describe(what);

const listInput = {
  status_category: z
    .array(z.enum(INCIDENT_STATUS_CATEGORIES))
    .optional()
    .describe('Only incidents whose status is in one of these categories; "live" means active.'),
  status: names("Only incidents in one of these statuses, by name or ID."),
  severity: names('Only incidents with one of these severities, by name (e.g. "Major") or ID.'),
  severity_gte: z.string().min(1).optional().describe("Only incidents at least this severe, by name or ID."),
  severity_lte: z.string().min(1).optional().describe("Only incidents at most this severe, by name or ID."),
  type: names("Only incidents of one of these incident types, by name or ID."),
  created_after: dateBound("Only incidents created at or after this"),
  created_before: dateBound("Only incidents created at or before this"),
  updated_after: dateBound("Only incidents updated at or after this"),
  updated_before: dateBound("Only incidents updated at or before this"),
  mode: z
    .array(z.enum(["standard", "retrospective", "test", "tutorial"]))
    .optional()
    .describe("Only incidents in these modes; by default incident.io lists standard and retrospective ones."),
  custom_field: z
    .record(z.string(), z.array(z.string()))
    .optional()
    .describe(
      "Custom field filters: field name or ID → accepted values (option values or IDs; catalog entries by name, " +
        'alias, external ID or ID). E.g. {"Affected services": ["payments-api"]}.',
    ),
  sort: z.enum(["newest", "oldest"]).optional().describe("Order by creation time; default newest first."),
  filter_mode: z
    .enum(["all", "any"])
    .optional()
    .describe("Whether incidents must match all the filters given (default) or any of them."),
  ...pageInput,
};

type ListArgs = { [K in keyof typeof listInput]: z.infer<(typeof listInput)[K]> };

function toQuery(args: ListArgs): IncidentQuery {
  const query: IncidentQuery = {};
  if (args.status_category) query.statusCategory = args.status_category;
  if (args.status) query.status = args.status;
  if (args.severity) query.severity = args.severity;
  if (args.severity_gte) query.severityGte = args.severity_gte;
  if (args.severity_lte) query.severityLte = args.severity_lte;
  if (args.type) query.type = args.type;
  if (args.created_after) query.createdAfter = args.created_after;
  if (args.created_before) query.createdBefore = args.created_before;
  if (args.updated_after) query.updatedAfter = args.updated_after;
  if (args.updated_before) query.updatedBefore = args.updated_before;
  if (args.mode) query.mode = args.mode;
  if (args.custom_field) query.customField = args.custom_field;
  if (args.sort) query.sort = args.sort;
  if (args.filter_mode) query.filterMode = args.filter_mode;
  return query;
}

/** Tools that read incidents: list with filters, one incident, and everything about one incident. */
export function registerIncidentReadTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_incidents",
    {
      title: "List incidents",
      description:
        "Lists incidents, newest first, filtered by status category, status, severity, type, dates, mode or " +
        "custom fields. Returns one page; when next_cursor is present, call again with after=<next_cursor>.",
      inputSchema: listInput,
      outputSchema: outputSchema({
        incidents: z.array(IncidentView),
        next_cursor: nextCursor,
        total: z.number().optional().describe("How many incidents match, when incident.io says"),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const page = await listIncidents(session, toQuery(args), toPage(args));
        const incidents = page.incidents.map(incidentView);
        const count =
          page.total !== undefined ? `${incidents.length} of ${page.total}` : `${incidents.length}`;
        const text = [
          `${count} incident(s):`,
          ...incidents.map(incidentLine),
          moreText("list_incidents", page.nextCursor),
        ].join("\n");
        return {
          text,
          data: {
            incidents,
            ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
            total: page.total,
          },
        };
      }),
  );

  server.registerTool(
    "get_incident",
    {
      title: "Get an incident",
      description:
        "One incident as incident.io returns it: status, severity, type, summary, custom fields, role " +
        "assignments, timestamps. For its updates as well, use get_incident_context.",
      inputSchema: { incident: incidentRef },
      outputSchema: outputSchema({
        incident: z
          .looseObject({ id: z.string(), reference: z.string(), name: z.string() })
          .describe("The incident in incident.io's IncidentV2 shape"),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const incident = await getIncident(session, args.incident);
        return { text: incidentDetails(incidentView(incident)), data: { incident } };
      }),
  );

  server.registerTool(
    "get_incident_context",
    {
      title: "Get incident context",
      description:
        "Everything about one incident in a single call, for investigating it: its details, every update " +
        "(oldest first), custom field values, role assignments, timestamps, the first attachments and related " +
        "incidents, and its newest post-mortem's link (get_postmortem reads it).",
      inputSchema: { incident: incidentRef },
      outputSchema: outputSchema({
        incident: IncidentView,
        updates: z.array(UpdateView).describe("Oldest first"),
        custom_fields: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
        roles: z.array(z.object({ role: z.string(), assignee: z.string().optional() })),
        timestamps: z.array(z.object({ name: z.string(), value: z.string().optional() })),
        permalink: z.string().optional(),
        attachments: z
          .array(AttachmentView)
          .describe("The first attachments; attachment_count says how many"),
        attachment_count: z.number(),
        related_incidents: z.array(RelatedView).describe("The first related incidents"),
        related_more: z
          .boolean()
          .describe("true when there are more (list_related_incidents lists them all)"),
        postmortem: z
          .object({
            id: z.string(),
            title: z.string(),
            status: z.string(),
            type: z.string(),
            url: z.string(),
          })
          .optional()
          .describe("The newest post-mortem; get_postmortem reads its content"),
        unavailable: z
          .array(z.string())
          .describe("Parts left out because the API key may not read them, e.g. attachments"),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const context = await incidentContext(session, args.incident);
        const incident = incidentView(context.incident);
        const updates = context.updates.map(updateView);
        const attachments = context.attachments.map(attachmentView);
        const related = context.related.map(relatedView);
        const text = [
          incidentDetails(incident),
          section(
            "Custom fields",
            context.customFields.map((field) => `${field.name}: ${field.values.join(", ") || "(unset)"}`),
          ),
          section(
            "Roles",
            context.roles.map((role) => `${role.role}: ${role.assignee ?? "(unassigned)"}`),
          ),
          section(
            "Timestamps",
            context.timestamps.map((stamp) => `${stamp.name}: ${stamp.value ?? "(not set)"}`),
          ),
          section(`Updates (${updates.length}, oldest first)`, updates.map(updateLine)),
          section(`Attachments (${context.attachmentCount})`, [
            ...attachments.map(attachmentLine),
            ...(context.attachmentCount > attachments.length
              ? [`… and ${context.attachmentCount - attachments.length} more (list_incident_attachments)`]
              : []),
          ]),
          section("Related incidents", [
            ...related.map((r) => `${r.reference}  ${r.name}`),
            ...(context.relatedMore ? ["… and more (list_related_incidents)"] : []),
          ]),
          `Post-mortem: ${context.postmortem ? `${context.postmortem.title} [${context.postmortem.status}] ${context.postmortem.url}` : "none"}`,
          ...(context.unavailable.length > 0
            ? [`Not readable with this key: ${context.unavailable.join(", ")}`]
            : []),
        ].join("\n");
        return {
          text,
          data: {
            incident,
            updates,
            custom_fields: context.customFields,
            roles: context.roles,
            timestamps: context.timestamps,
            ...(context.permalink ? { permalink: context.permalink } : {}),
            attachments,
            attachment_count: context.attachmentCount,
            related_incidents: related,
            related_more: context.relatedMore,
            ...(context.postmortem ? { postmortem: context.postmortem } : {}),
            unavailable: context.unavailable,
          },
        };
      }),
  );
}
