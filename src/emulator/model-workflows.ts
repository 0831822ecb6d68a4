/**
 * Stored workflows and their runs. A workflow's configuration is kept in the engine's own terms (references such
 * as `incident.severity`, bindings with labels), as incident.io's API shows it, since the emulator does not
 * evaluate it: the demo's runs are seeded, not computed.
 */

/** `EngineParamBindingValueV2`: a literal or a reference, with the label the dashboard shows for it. */
export interface BindingValue {
  label: string;
  literal?: string;
  reference?: string;
}

/** `EngineParamBindingV2`: one value or an array of them. */
export interface ParamBinding {
  value?: BindingValue;
  array_value?: BindingValue[];
}

/** `ConditionV2`: e.g. subject "Incident → Severity", operation "is one of", bound to "Critical". */
export interface WorkflowCondition {
  subject: { label: string; reference: string };
  operation: { label: string; value: string };
  param_bindings: ParamBinding[];
}

/** `ConditionGroupV2`: conditions that must all hold; a workflow runs when any group holds. */
export interface ConditionGroup {
  conditions: WorkflowCondition[];
}

/** `StepConfigV2`: one step, e.g. `escalate` or `jira.create_issue`. */
export interface WorkflowStep {
  id: string;
  name: string;
  label: string;
  param_bindings: ParamBinding[];
  for_each?: string;
}

export type WorkflowState = "active" | "disabled" | "draft" | "error";
export type IncidentModeFilter = "standard" | "test" | "retrospective";

export interface WorkflowRecord {
  id: string;
  name: string;
  folder?: string;
  shortform?: string;
  trigger: { name: string; label: string };
  /** `EngineReferenceV2`s: the workflow runs once for each distinct value of these. */
  once_for: { key: string; label: string; type: string; array: boolean }[];
  condition_groups: ConditionGroup[];
  steps: WorkflowStep[];
  delay?: { for_seconds: number; conditions_apply_over_delay: boolean };
  include_private_incidents: boolean;
  include_private_escalations: boolean;
  private_incident_scope: "all" | "owning_teams" | "none";
  runs_on_incident_modes: IncidentModeFilter[];
  runs_on_incidents: "newly_created" | "newly_created_and_active";
  continue_on_step_error: boolean;
  state: WorkflowState;
  version: number;
  management_meta: { managed_by: "dashboard" | "terraform" | "external"; source_url?: string };
  created_at: string;
  updated_at: string;
}

export interface WorkflowStepProgress {
  step: string;
  status: "complete" | "pending" | "error";
  completed_at?: string;
  error?: string;
}

/** One run of one version of a workflow, usually for an incident. */
export interface WorkflowRunRecord {
  id: string;
  workflow_id: string;
  workflow_version_id: string;
  workflow_version_number: number;
  incident_id?: string;
  progress: WorkflowStepProgress[];
  error?: string;
  scheduled_at: string;
  enqueued_at?: string;
  cancelled_at?: string;
  created_at: string;
  updated_at: string;
}
