import { z } from "zod";
import { PaginationMeta } from "./common.js";
import { openEnum } from "./open-enum.js";

/** `EngineParamBindingValueV2`: a literal or an engine reference, with the label the dashboard shows. */
const BindingValue = z.looseObject({
  label: z.string(),
  literal: z.string().optional(),
  reference: z.string().optional(),
});

/** `EngineParamBindingV2`. */
export const ParamBinding = z.looseObject({
  value: BindingValue.optional(),
  array_value: z.array(BindingValue).optional(),
});
export type ParamBinding = z.infer<typeof ParamBinding>;

/** `ConditionGroupV2`: conditions that must all hold; a workflow runs when any of its groups holds. */
export const ConditionGroup = z.looseObject({
  conditions: z.array(
    z.looseObject({
      subject: z.looseObject({ label: z.string(), reference: z.string() }),
      operation: z.looseObject({ label: z.string(), value: z.string() }),
      param_bindings: z.array(ParamBinding),
    }),
  ),
});
export type ConditionGroup = z.infer<typeof ConditionGroup>;

const WorkflowCommon = {
  id: z.string(),
  name: z.string(),
  folder: z.string().optional(),
  shortform: z.string().optional(),
  /** e.g. `incident.updated` ("Incident updated"). */
  trigger: z.looseObject({ name: z.string(), label: z.string() }),
  once_for: z.array(
    z.looseObject({ key: z.string(), label: z.string(), type: z.string(), array: z.boolean() }),
  ),
  condition_groups: z.array(ConditionGroup),
  expressions: z.array(z.looseObject({ label: z.string(), reference: z.string() })),
  delay: z.looseObject({ for_seconds: z.number(), conditions_apply_over_delay: z.boolean() }).optional(),
  include_private_incidents: z.boolean(),
  include_private_escalations: z.boolean(),
  private_incident_scope: openEnum(["all", "owning_teams", "none"]),
  runs_on_incident_modes: z.array(openEnum(["standard", "test", "retrospective"])),
  runs_on_incidents: openEnum(["newly_created", "newly_created_and_active"]),
  continue_on_step_error: z.boolean(),
  state: openEnum(["active", "disabled", "draft", "error"]),
  version: z.number(),
  owning_team_ids: z.array(z.string()).optional(),
};

/** `WorkflowSlimV2`: a workflow as listed, its steps by name and label. */
export const WorkflowSlim = z.looseObject({
  ...WorkflowCommon,
  steps: z.array(z.looseObject({ name: z.string(), label: z.string() })),
});
export type WorkflowSlim = z.infer<typeof WorkflowSlim>;

/** `WorkflowV2`: a workflow with its steps' parameters. */
export const Workflow = z.looseObject({
  ...WorkflowCommon,
  steps: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      label: z.string(),
      param_bindings: z.array(ParamBinding),
      for_each: z.string().optional(),
    }),
  ),
});
export type Workflow = z.infer<typeof Workflow>;

/** `ManagementMetaV2`: whether the workflow is edited in the dashboard or managed as code. */
export const ManagementMeta = z.looseObject({
  annotations: z.record(z.string(), z.string()),
  managed_by: openEnum(["dashboard", "terraform", "external"]),
  source_url: z.string().optional(),
});
export type ManagementMeta = z.infer<typeof ManagementMeta>;

/** `WorkflowRunSlimV2` / `WorkflowRunV2`: one run; a shown run may carry webhook deliveries in its progress. */
export const WorkflowRun = z.looseObject({
  id: z.string(),
  workflow_id: z.string(),
  workflow_name: z.string().optional(),
  workflow_version_id: z.string(),
  workflow_version_number: z.number(),
  incident_id: z.string().optional(),
  /** e.g. `INC-123`. */
  incident_reference: z.string().optional(),
  progress: z.array(
    z.looseObject({
      step: z.string(),
      status: openEnum(["complete", "pending", "error"]),
      completed_at: z.string().optional(),
      error: z.string().optional(),
      incident_id: z.string().optional(),
      incident_reference: z.string().optional(),
    }),
  ),
  error: z.string().optional(),
  scheduled_at: z.string(),
  enqueued_at: z.string().optional(),
  cancelled_at: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WorkflowRun = z.infer<typeof WorkflowRun>;

export const WorkflowsListResult = z.looseObject({ workflows: z.array(WorkflowSlim) });
export const WorkflowShowResult = z.looseObject({ workflow: Workflow, management_meta: ManagementMeta });
export type WorkflowShowResult = z.infer<typeof WorkflowShowResult>;
export const WorkflowRunsListResult = z.looseObject({
  workflow_runs: z.array(WorkflowRun),
  pagination_meta: PaginationMeta.optional(),
});
export const WorkflowRunResult = z.looseObject({ workflow_run: WorkflowRun });
