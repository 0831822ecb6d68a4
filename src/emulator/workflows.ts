import type { WorkflowRecord, WorkflowRunRecord } from "./model-workflows.js";
import type { EmulatorState } from "./state.js";

/** The fields the list (`WorkflowSlimV2`) and show (`WorkflowV2`) shapes share. */
function workflowCommon(workflow: WorkflowRecord) {
  return {
    id: workflow.id,
    name: workflow.name,
    ...(workflow.folder !== undefined ? { folder: workflow.folder } : {}),
    ...(workflow.shortform !== undefined ? { shortform: workflow.shortform } : {}),
    trigger: { ...workflow.trigger },
    once_for: workflow.once_for.map((reference) => ({ ...reference })),
    condition_groups: structuredClone(workflow.condition_groups),
    expressions: [],
    ...(workflow.delay ? { delay: { ...workflow.delay } } : {}),
    include_private_incidents: workflow.include_private_incidents,
    include_private_escalations: workflow.include_private_escalations,
    private_incident_scope: workflow.private_incident_scope,
    runs_on_incident_modes: [...workflow.runs_on_incident_modes],
    runs_on_incidents: workflow.runs_on_incidents,
    continue_on_step_error: workflow.continue_on_step_error,
    state: workflow.state,
    version: workflow.version,
  };
}

/** `WorkflowSlimV2`: steps by name and label only. */
export function renderWorkflowSlim(workflow: WorkflowRecord) {
  return {
    ...workflowCommon(workflow),
    steps: workflow.steps.map((step) => ({ name: step.name, label: step.label })),
  };
}

/** `WorkflowsShowWorkflowResultV2`: the workflow with its steps' parameters, and who manages it. */
export function renderWorkflowShow(workflow: WorkflowRecord) {
  return {
    workflow: { ...workflowCommon(workflow), steps: structuredClone(workflow.steps) },
    management_meta: {
      annotations: {},
      managed_by: workflow.management_meta.managed_by,
      ...(workflow.management_meta.source_url ? { source_url: workflow.management_meta.source_url } : {}),
    },
  };
}

/** `WorkflowRunSlimV2` / `WorkflowRunV2` (the same here: the emulator keeps no webhook deliveries). */
export function renderWorkflowRun(state: EmulatorState, run: WorkflowRunRecord) {
  const workflow = state.get("workflows", run.workflow_id);
  const incident = run.incident_id === undefined ? undefined : state.get("incidents", run.incident_id);
  return {
    id: run.id,
    workflow_id: run.workflow_id,
    ...(workflow ? { workflow_name: workflow.name } : {}),
    workflow_version_id: run.workflow_version_id,
    workflow_version_number: run.workflow_version_number,
    ...(run.incident_id !== undefined ? { incident_id: run.incident_id } : {}),
    ...(incident ? { incident_reference: `INC-${incident.number}` } : {}),
    progress: run.progress.map((step) => ({ ...step })),
    ...(run.error !== undefined ? { error: run.error } : {}),
    scheduled_at: run.scheduled_at,
    ...(run.enqueued_at !== undefined ? { enqueued_at: run.enqueued_at } : {}),
    ...(run.cancelled_at !== undefined ? { cancelled_at: run.cancelled_at } : {}),
    created_at: run.created_at,
    updated_at: run.updated_at,
  };
}
