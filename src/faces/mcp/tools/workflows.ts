import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { ConditionGroup, ParamBinding, WorkflowRun, WorkflowSlim } from "../../../api/index.js";
import { getWorkflow, listWorkflowRuns, listWorkflows, type OpsSession } from "../../../ops/index.js";
import { READ_ONLY } from "../annotations.js";
import { incidentRef } from "../inputs.js";
import { moreText, nextCursor, pageInput, toPage } from "../pagination.js";
import { section } from "../render.js";
import { outputSchema, toolResult } from "../result.js";

const WorkflowView = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string().describe("active, disabled, draft or error"),
  trigger: z.string().describe('What starts it, e.g. "Incident updated"'),
  conditions: z
    .array(z.string())
    .describe('When it runs: any one of these holds, e.g. "Incident → Severity is one of Critical"'),
  steps: z.array(z.string()).describe("What it does, in order"),
  folder: z.string().optional(),
});
type WorkflowView = z.infer<typeof WorkflowView>;

function bindingText(binding: ParamBinding): string {
  const values = binding.array_value ?? (binding.value ? [binding.value] : []);
  return values.map((value) => value.label).join(", ");
}

/** Each condition group as one line: its conditions joined by "and". */
function conditionsText(groups: readonly ConditionGroup[]): string[] {
  return groups.map((group) =>
    group.conditions
      .map((c) => [c.subject.label, c.operation.label, ...c.param_bindings.map(bindingText)].join(" ").trim())
      .join(" and "),
  );
}

function workflowView(workflow: WorkflowSlim): WorkflowView {
  return {
    id: workflow.id,
    name: workflow.name,
    state: workflow.state,
    trigger: workflow.trigger.label,
    conditions: conditionsText(workflow.condition_groups),
    steps: workflow.steps.map((step) => step.label),
    ...(workflow.folder ? { folder: workflow.folder } : {}),
  };
}

function workflowText(view: WorkflowView): string {
  return [
    `${view.name} [${view.state}] (id ${view.id})`,
    `  When: ${view.trigger}${view.conditions.length > 0 ? `, if ${view.conditions.join("; or if ")}` : ""}`,
    `  Does: ${view.steps.join(" → ") || "nothing"}`,
  ].join("\n");
}

const RunView = z.object({
  id: z.string(),
  workflow: z.string().describe("The workflow's name (or ID when incident.io gives no name)"),
  incident: z.string().optional().describe('The incident it ran for, e.g. "INC-123"'),
  created_at: z.string(),
  steps: z.array(z.object({ step: z.string(), status: z.string(), error: z.string().optional() })),
  error: z.string().optional(),
});

function runView(run: WorkflowRun): z.infer<typeof RunView> {
  return {
    id: run.id,
    workflow: run.workflow_name ?? run.workflow_id,
    ...(run.incident_reference ? { incident: run.incident_reference } : {}),
    created_at: run.created_at,
    steps: run.progress.map((p) => ({
      step: p.step,
      status: p.status,
      ...(p.error ? { error: p.error } : {}),
    })),
    ...(run.error ? { error: run.error } : {}),
  };
}

/** Workflows and their runs, read only: which automation fires when, and what it did. */
export function registerWorkflowTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_workflows",
    {
      title: "List workflows",
      description:
        "The organisation's workflows: what triggers each, the conditions under which it runs and its steps, " +
        "e.g. to see which workflow will page or announce when an incident changes.",
      inputSchema: {
        state: z
          .enum(["active", "disabled", "draft", "error"])
          .optional()
          .describe("Only workflows in this state."),
      },
      outputSchema: outputSchema({ workflows: z.array(WorkflowView) }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const workflows = (await listWorkflows(session, args.state ? { state: args.state } : {})).map(
          workflowView,
        );
        return { text: workflows.map(workflowText).join("\n") || "No workflows.", data: { workflows } };
      }),
  );

  server.registerTool(
    "get_workflow",
    {
      title: "Get a workflow",
      description:
        "One workflow by name (any case) or ID, in full: trigger, conditions, steps with their parameters, delay, " +
        "which incidents it runs on, and whether it is managed in the dashboard or as code.",
      inputSchema: {
        workflow: z.string().min(1).describe("A workflow by name or ID; list_workflows shows them."),
      },
      outputSchema: outputSchema({
        workflow: WorkflowView,
        managed_by: z.string().describe("dashboard, terraform or external"),
        detail: z.looseObject({ id: z.string() }).describe("The workflow in incident.io's WorkflowV2 shape"),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const { workflow, management_meta } = await getWorkflow(session, args.workflow);
        const view = workflowView(workflow);
        const runsOn = `Runs on ${workflow.runs_on_incident_modes.join(", ")} incidents (${workflow.runs_on_incidents.replaceAll("_", " ")}).`;
        return {
          text: `${workflowText(view)}\n  ${runsOn} Managed by ${management_meta.managed_by}.`,
          data: { workflow: view, managed_by: management_meta.managed_by, detail: workflow },
        };
      }),
  );

  server.registerTool(
    "list_workflow_runs",
    {
      title: "List workflow runs",
      description:
        "Runs of workflows, newest first: for an incident, a workflow, or both; each with its steps' progress " +
        "and errors. Returns one page; when next_cursor is present, call again with after=<next_cursor>.",
      inputSchema: {
        incident: incidentRef.optional().describe("Only runs for this incident (ID, INC-123 or URL)."),
        workflow: z.string().min(1).optional().describe("Only runs of this workflow, by name or ID."),
        ...pageInput,
      },
      outputSchema: outputSchema({ runs: z.array(RunView), next_cursor: nextCursor }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const result = await listWorkflowRuns(
          session,
          {
            incident: args.incident,
            workflow: args.workflow,
          },
          toPage(args),
        );
        const runs = result.runs.map(runView);
        const lines = runs.map((run) => {
          const failed = run.steps.filter((s) => s.status === "error").length;
          return `${run.created_at}  ${run.workflow}${run.incident ? ` on ${run.incident}` : ""}: ${run.steps.length} step(s)${failed ? `, ${failed} failed` : ""}${run.error ? ` (${run.error})` : ""}`;
        });
        return {
          text: [section("Workflow runs", lines), moreText("list_workflow_runs", result.nextCursor)].join(
            "\n",
          ),
          data: { runs, ...(result.nextCursor ? { next_cursor: result.nextCursor } : {}) },
        };
      }),
  );
}
