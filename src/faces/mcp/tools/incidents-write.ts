import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  closeIncident,
  type DeclareInput,
  declaredText,
  declareIncident,
  type EditInput,
  editIncident,
  escalateIncident,
  type OpsSession,
} from "../../../ops/index.js";
import { SAFE_WRITE } from "../annotations.js";
import {
  customFieldValues,
  idempotencyKey,
  incidentRef,
  notify,
  severityName,
  statusName,
  typeName,
} from "../inputs.js";
import { incidentDetails } from "../render.js";
import { outputSchema, toolResult } from "../result.js";
import { IncidentView, incidentView } from "../views.js";

const incidentOutput = outputSchema({ incident: IncidentView });

/** Tools that open and change incidents. Each is safe to retry: repeating a call has no further effect. */
export function registerIncidentWriteTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "declare_incident",
    {
      title: "Declare an incident",
      description:
        "Opens a new incident in incident.io. Retrying with the same input returns the incident already " +
        "opened rather than a second one. Use mode test for a trial run.",
      inputSchema: {
        name: z.string().min(1).describe('A short title, e.g. "Checkout errors after deploy".'),
        summary: z.string().optional().describe("What is happening, in Markdown."),
        severity: severityName
          .optional()
          .describe(
            'A severity by name (case-insensitive, e.g. "Major") or ID; list_severities shows them. Required ' +
              "unless the incident type opens incidents in triage.",
          ),
        status: statusName
          .optional()
          .describe("The initial status by name or ID; default incident.io's first."),
        type: typeName.optional(),
        mode: z
          .enum(["standard", "test", "retrospective"])
          .optional()
          .describe(
            "standard (default): a real incident; test: a trial, left out of list_incidents unless asked for; retrospective: one that already happened.",
          ),
        visibility: z
          .enum(["public", "private"])
          .optional()
          .describe("public (default) or private; some incident types require private."),
        custom_fields: customFieldValues,
        idempotency_key: idempotencyKey,
      },
      outputSchema: outputSchema({
        incident: IncidentView,
        idempotency_key: z.string().describe("The key used; pass it again to retry this exact declaration"),
        created: z
          .union([z.boolean(), z.literal("unknown")])
          .describe(
            'true when this call declared the incident; false when it found the one the same input (or key) declared earlier, still open or minutes ago; "unknown" when the key may not list incidents, so which cannot be told',
          ),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const input: DeclareInput = { name: args.name };
        if (args.summary !== undefined) input.summary = args.summary;
        if (args.severity !== undefined) input.severity = args.severity;
        if (args.status !== undefined) input.status = args.status;
        if (args.type !== undefined) input.type = args.type;
        if (args.mode !== undefined) input.mode = args.mode;
        if (args.visibility !== undefined) input.visibility = args.visibility;
        if (args.custom_fields !== undefined) input.customFields = args.custom_fields;
        if (args.idempotency_key !== undefined) input.idempotencyKey = args.idempotency_key;
        const result = await declareIncident(session, input);
        const incident = incidentView(result.incident);
        return {
          text: `${declaredText(result)} (idempotency key ${result.idempotencyKey}).\n${incidentDetails(incident)}`,
          data: { incident, idempotency_key: result.idempotencyKey, created: result.created },
        };
      }),
  );

  server.registerTool(
    "edit_incident",
    {
      title: "Edit an incident",
      description:
        "Changes an incident's name, summary, severity, status or custom fields; only the fields given change. " +
        "To add findings to the summary without replacing it, use append_finding.",
      inputSchema: {
        incident: incidentRef,
        name: z.string().min(1).optional().describe("The new title."),
        summary: z.string().optional().describe("The new summary (replaces the old one), in Markdown."),
        severity: severityName.optional(),
        status: statusName.optional(),
        custom_fields: customFieldValues,
        notify,
      },
      outputSchema: incidentOutput,
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const changes: EditInput = {};
        if (args.name !== undefined) changes.name = args.name;
        if (args.summary !== undefined) changes.summary = args.summary;
        if (args.severity !== undefined) changes.severity = args.severity;
        if (args.status !== undefined) changes.status = args.status;
        if (args.custom_fields !== undefined) changes.customFields = args.custom_fields;
        if (args.notify !== undefined) changes.notify = args.notify;
        const incident = incidentView(await editIncident(session, args.incident, changes));
        return { text: `Edited ${incident.reference}.\n${incidentDetails(incident)}`, data: { incident } };
      }),
  );

  server.registerTool(
    "escalate_incident",
    {
      title: "Escalate or de-escalate an incident",
      description:
        "Sets an incident's severity, up or down. Returns the severity it had before and the one it has now.",
      inputSchema: { incident: incidentRef, severity: severityName, notify },
      outputSchema: outputSchema({
        incident: IncidentView,
        from: z.string().optional().describe("The severity before; absent when it had none"),
        to: z.string().describe("The severity now"),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const result = await escalateIncident(session, args.incident, args.severity, { notify: args.notify });
        const incident = incidentView(result.incident);
        const from = result.from?.name;
        return {
          text: `${incident.reference} severity: ${from ?? "none"} → ${result.to.name}.\n${incidentDetails(incident)}`,
          data: { incident, ...(from !== undefined ? { from } : {}), to: result.to.name },
        };
      }),
  );

  server.registerTool(
    "close_incident",
    {
      title: "Close an incident",
      description:
        "Moves an incident to a closed status: the one given, else the configured one, else the organisation's " +
        "first closed-category status by rank. Name, summary and fields stay as they are.",
      inputSchema: {
        incident: incidentRef,
        status: statusName
          .optional()
          .describe("A closed-category status by name or ID; usually leave it out."),
        message: z
          .string()
          .optional()
          .describe(
            "A closing note, e.g. the resolution: posted as an incident update together with the status change " +
              "(an update is always shared, so notify does not apply then).",
          ),
        notify,
      },
      outputSchema: incidentOutput,
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const options = { status: args.status, message: args.message, notify: args.notify };
        const incident = incidentView(await closeIncident(session, args.incident, options));
        return { text: `Closed ${incident.reference}.\n${incidentDetails(incident)}`, data: { incident } };
      }),
  );
}
