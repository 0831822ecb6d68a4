import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  type ActionChanges,
  actionCreatedText,
  createAction,
  getAction,
  listActions,
  type OpsSession,
  updateAction,
  workUpdatedText,
} from "../../../ops/index.js";
import { READ_ONLY, SAFE_WRITE } from "../annotations.js";
import { incidentRef } from "../inputs.js";
import { outputSchema, toolResult } from "../result.js";
import { ActionView, actionLine, actionView } from "../work-views.js";
import { moreWorkText, person, workListInput, workQuery, workStatus } from "./work-item-inputs.js";

const actionId = z.string().min(1).describe("The action's ID, as list_actions shows it.");

/** Reading actions: the to-dos of a response itself. */
export function registerActionReadTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_actions",
    {
      title: "List actions",
      description:
        "Actions (the to-dos of a response itself, e.g. 'fail over to the replica') of one incident or of all " +
        "of them, newest first, filtered by status, assignee and incident mode. total counts every match.",
      inputSchema: workListInput,
      outputSchema: outputSchema({
        actions: z.array(ActionView),
        total: z.number().describe("Every match; more than actions holds when the limit cut the list"),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const result = await listActions(session, workQuery(args));
        const actions = result.actions.map((a) => actionView(a, result.incidents[a.incident_id]));
        const text = [...actions.map(actionLine), moreWorkText(actions.length, result.total, "actions")].join(
          "\n",
        );
        return { text, data: { actions, total: result.total } };
      }),
  );

  server.registerTool(
    "get_action",
    {
      title: "Get an action",
      description: "One action of an incident's response: what it says, its status and who has it.",
      inputSchema: { action: actionId },
      outputSchema: outputSchema({ action: ActionView }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const { action, incident } = await getAction(session, args.action);
        const view = actionView(action, incident);
        return { text: actionLine(view), data: { action: view } };
      }),
  );
}

/** Adding and changing actions. Each is safe to retry. */
export function registerActionWriteTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "create_action",
    {
      title: "Create an action",
      description:
        "Adds an action (a to-do of the response) to an incident. If the incident already has one with the same " +
        "description (ignoring case), that one is returned (created false), so retrying never duplicates.",
      inputSchema: {
        incident: incidentRef,
        description: z.string().min(1).describe('What needs doing now, e.g. "Fail over to the replica".'),
        assignee: person.optional().describe("Who should do it, by email, name or user ID."),
      },
      outputSchema: outputSchema({
        action: ActionView,
        created: z
          .boolean()
          .describe("true when this call added it; false when the incident already had this action"),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const result = await createAction(session, args.incident, {
          description: args.description,
          assignee: args.assignee,
        });
        const view = actionView(result.action, result.incident);
        return {
          text: `${actionCreatedText(result)}.\n${actionLine(view)}`,
          data: { action: view, created: result.created },
        };
      }),
  );

  server.registerTool(
    "update_action",
    {
      title: "Update an action",
      description:
        "Changes an action's status (e.g. completed), description or assignee; only what is given changes. " +
        "assignee null leaves it unassigned.",
      inputSchema: {
        action: actionId,
        status: workStatus.optional().describe("outstanding, completed or not_doing."),
        description: z.string().min(1).optional(),
        assignee: person
          .nullable()
          .optional()
          .describe("Assign to this person (email, name or ID); null unassigns."),
      },
      outputSchema: outputSchema({ action: ActionView }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const changes: ActionChanges = {};
        if (args.status !== undefined) changes.status = args.status;
        if (args.description !== undefined) changes.description = args.description;
        if (args.assignee !== undefined) changes.assignee = args.assignee;
        const action = await updateAction(session, args.action, changes);
        const view = actionView(action);
        return { text: `${workUpdatedText("Action", action)}.\n${actionLine(view)}`, data: { action: view } };
      }),
  );
}
