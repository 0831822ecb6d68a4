import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  connectFollowUpIssue,
  createFollowUp,
  type FollowUpChanges,
  type FollowUpInput,
  followUpCreatedText,
  getFollowUp,
  issueConnectedText,
  listFollowUps,
  type OpsSession,
  updateFollowUp,
  workUpdatedText,
} from "../../../ops/index.js";
import { READ_ONLY, SAFE_WRITE } from "../annotations.js";
import { incidentRef } from "../inputs.js";
import { outputSchema, toolResult } from "../result.js";
import { FollowUpView, followUpLine, followUpView } from "../work-views.js";
import { moreWorkText, person, workListInput, workQuery, workStatus } from "./work-item-inputs.js";

const followUpId = z.string().min(1).describe("The follow-up's ID, as list_follow_ups shows it.");
const priority = z
  .string()
  .min(1)
  .describe('A follow-up priority by name (case-insensitive, e.g. "High") or ID.');

/** Reading follow-ups: the work incidents left for afterwards, and whether it was done. */
export function registerFollowUpReadTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_follow_ups",
    {
      title: "List follow-ups",
      description:
        "Follow-ups (the work an incident leaves for afterwards) of one incident or of all of them, newest " +
        "first, filtered by status, assignee and incident mode. Answers 'what follow-ups came out of last " +
        "time?' and 'what is still open?' (status [\"outstanding\"]). total counts every match.",
      inputSchema: workListInput,
      outputSchema: outputSchema({
        follow_ups: z.array(FollowUpView),
        total: z.number().describe("Every match; more than follow_ups holds when the limit cut the list"),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const result = await listFollowUps(session, workQuery(args));
        const followUps = result.followUps.map((f) => followUpView(f, result.incidents[f.incident_id]));
        const text = [
          ...followUps.map(followUpLine),
          moreWorkText(followUps.length, result.total, "follow-ups"),
        ].join("\n");
        return { text, data: { follow_ups: followUps, total: result.total } };
      }),
  );

  server.registerTool(
    "get_follow_up",
    {
      title: "Get a follow-up",
      description:
        "One follow-up: its status, assignee, priority, the issue it is tracked as, and its description.",
      inputSchema: { follow_up: followUpId },
      outputSchema: outputSchema({ follow_up: FollowUpView }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const { followUp, incident } = await getFollowUp(session, args.follow_up);
        const view = followUpView(followUp, incident);
        const text = [followUpLine(view), ...(view.description ? [view.description] : [])].join("\n");
        return { text, data: { follow_up: view } };
      }),
  );
}

/** Adding and changing follow-ups. Each is safe to retry: the same call again changes nothing more. */
export function registerFollowUpWriteTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "create_follow_up",
    {
      title: "Create a follow-up",
      description:
        "Adds a follow-up to an incident. If the incident already has one with the same title (ignoring case), " +
        "that one is returned (created false) and nothing is added, so retrying never duplicates.",
      inputSchema: {
        incident: incidentRef,
        title: z.string().min(1).describe('What needs doing, e.g. "Alert on connection pool saturation".'),
        description: z.string().optional().describe("More detail, in Markdown."),
        assignee: person.optional().describe("Who should do it, by email, name or user ID."),
        priority: priority.optional(),
        labels: z.array(z.string().min(1)).optional().describe('Labels, e.g. ["monitoring"].'),
      },
      outputSchema: outputSchema({
        follow_up: FollowUpView,
        created: z
          .boolean()
          .describe(
            "true when this call added it; false when the incident already had a follow-up of this title",
          ),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const input: FollowUpInput = { title: args.title };
        if (args.description !== undefined) input.description = args.description;
        if (args.assignee !== undefined) input.assignee = args.assignee;
        if (args.priority !== undefined) input.priority = args.priority;
        if (args.labels !== undefined) input.labels = args.labels;
        const result = await createFollowUp(session, args.incident, input);
        const view = followUpView(result.followUp, result.incident);
        return {
          text: `${followUpCreatedText(result)}.\n${followUpLine(view)}`,
          data: { follow_up: view, created: result.created },
        };
      }),
  );

  server.registerTool(
    "update_follow_up",
    {
      title: "Update a follow-up",
      description:
        "Changes a follow-up's status (e.g. completed), title, description, assignee, priority or labels; only " +
        "what is given changes. assignee null leaves it unassigned.",
      inputSchema: {
        follow_up: followUpId,
        status: workStatus.optional().describe("outstanding, completed or not_doing."),
        title: z.string().min(1).optional(),
        description: z.string().optional().describe("Replaces the description, in Markdown."),
        assignee: person
          .nullable()
          .optional()
          .describe("Assign to this person (email, name or ID); null unassigns."),
        priority: priority.optional(),
        labels: z
          .array(z.string().min(1))
          .optional()
          .describe("The labels it should have (replaces the old ones)."),
      },
      outputSchema: outputSchema({ follow_up: FollowUpView }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const changes: FollowUpChanges = {};
        if (args.status !== undefined) changes.status = args.status;
        if (args.title !== undefined) changes.title = args.title;
        if (args.description !== undefined) changes.description = args.description;
        if (args.assignee !== undefined) changes.assignee = args.assignee;
        if (args.priority !== undefined) changes.priority = args.priority;
        if (args.labels !== undefined) changes.labels = args.labels;
        const followUp = await updateFollowUp(session, args.follow_up, changes);
        const view = followUpView(followUp);
        return {
          text: `${workUpdatedText("Follow-up", followUp)}.\n${followUpLine(view)}`,
          data: { follow_up: view },
        };
      }),
  );

  server.registerTool(
    "connect_follow_up_issue",
    {
      title: "Connect a follow-up to an issue",
      description:
        "Tracks a follow-up as an issue in Jira, Linear, GitHub, GitLab, Asana… by the issue's link. The tracker " +
        "is told from the address unless provider names it. Connecting the issue it is already connected to " +
        "changes nothing; a follow-up connects to one issue only.",
      inputSchema: {
        follow_up: followUpId,
        url: z
          .string()
          .min(1)
          .describe('The issue\'s link, e.g. "https://acme.atlassian.net/browse/PAY-123".'),
        provider: z
          .string()
          .min(1)
          .optional()
          .describe(
            "The tracker, only when its address does not say: asana, azure_devops, click_up, linear, jira, " +
              "jira_server, github, gitlab, service_now, shortcut or notion.",
          ),
      },
      outputSchema: outputSchema({
        follow_up: FollowUpView,
        connected: z.boolean().describe("false when it was already connected to this issue"),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const result = await connectFollowUpIssue(session, args.follow_up, args.url, {
          provider: args.provider,
        });
        const view = followUpView(result.followUp);
        return {
          text: `${issueConnectedText(result)}.\n${followUpLine(view)}`,
          data: { follow_up: view, connected: result.connected },
        };
      }),
  );
}
