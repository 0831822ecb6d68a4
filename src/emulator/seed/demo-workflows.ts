import type { IncidentRecord, Snapshot } from "../model.js";
import type { ConditionGroup, WorkflowRecord, WorkflowRunRecord, WorkflowStep } from "../model-workflows.js";
import type { DemoLookup } from "./demo-lookup.js";
import { Random } from "./random.js";

const SECOND = 1000;
const INCIDENT_ONCE = { key: "incident", label: "Incident", type: "Incident", array: false };

type Workflows = Pick<Snapshot, "workflows" | "workflow_runs">;

interface Plan {
  record: Omit<
    WorkflowRecord,
    "id" | "steps" | "created_at" | "updated_at" | "version" | "management_meta"
  > & {
    steps: Omit<WorkflowStep, "id">[];
  };
  /** Which past incidents it ran for, and how long after declaration. */
  runsFor?: (incident: IncidentRecord) => boolean;
  /** The chance a run's last step failed, with the error it gave. */
  failure?: { chance: number; error: string };
}

/**
 * Acme Cloud's workflows, configured as incident.io's engine shows them (triggers, conditions on engine
 * references, steps with bindings), and the runs they left on past incidents. A generator of their own keeps
 * every other seeded ID as it was.
 */
export function demoWorkflows(lookup: DemoLookup, seed: number, setUpAt: number, now: number): Workflows {
  const rng = new Random(seed ^ 0x3f10_70a5);
  const { snapshot } = lookup;
  const severity = (name: string) => snapshot.severities.find((s) => s.name === name);
  const learning = snapshot.incident_statuses.find((s) => s.category === "learning");
  const leadRole = snapshot.incident_roles.find((r) => r.role_type === "lead");
  const services = snapshot.custom_fields.find((f) => f.name === "Affected services");
  const severityIs = (...names: string[]): ConditionGroup["conditions"][number] => ({
    subject: { label: "Incident → Severity", reference: "incident.severity" },
    operation: { label: "is one of", value: "one_of" },
    param_bindings: [
      {
        array_value: names.map((name) => ({ label: name, literal: severity(name)?.id ?? name })),
      },
    ],
  });
  const activeOnly: ConditionGroup["conditions"][number] = {
    subject: { label: "Incident → Status → Category", reference: "incident.status.category" },
    operation: { label: "is one of", value: "one_of" },
    param_bindings: [{ array_value: [{ label: "Active", literal: "active" }] }],
  };
  const incidentBinding = { value: { label: "Incident", reference: "incident" } };
  const common = {
    include_private_incidents: false,
    include_private_escalations: false,
    private_incident_scope: "none" as const,
    runs_on_incident_modes: ["standard" as const],
    runs_on_incidents: "newly_created_and_active" as const,
    continue_on_step_error: false,
    condition_groups: [] as ConditionGroup[],
    once_for: [INCIDENT_ONCE],
    state: "active" as const,
  };
  const isReal = (incident: IncidentRecord) => incident.mode === "standard";

  const plans: Plan[] = [
    {
      record: {
        ...common,
        name: "Page on-call for critical incidents",
        folder: "Paging",
        shortform: "page-critical",
        trigger: { name: "incident.updated", label: "Incident updated" },
        condition_groups: [{ conditions: [severityIs("Critical")] }],
        // Security incidents are private and critical ones must page as well.
        include_private_incidents: true,
        private_incident_scope: "all",
        steps: [
          {
            name: "escalate",
            label: "Escalate",
            param_bindings: [
              incidentBinding,
              {
                value: {
                  label: "Incident → Affected services → Team → Escalation path",
                  reference: `incident.custom_field["${services?.id ?? "affected-services"}"].Team.EscalationPath`,
                },
              },
            ],
          },
        ],
      },
      runsFor: (incident) => isReal(incident) && lookup.severity(incident) === "Critical",
    },
    {
      record: {
        ...common,
        name: "Announce major incidents in #incidents",
        folder: "Communications",
        trigger: { name: "incident.updated", label: "Incident updated" },
        condition_groups: [{ conditions: [severityIs("Major", "Critical"), activeOnly] }],
        steps: [
          {
            name: "slack.post_message",
            label: "Send message to a channel",
            param_bindings: [
              { value: { label: "#incidents", literal: "C04ACMEINC1" } },
              {
                value: {
                  label: "{{ incident.name }} is {{ incident.severity }}",
                  literal: "{{ incident.name }}",
                },
              },
            ],
          },
        ],
      },
      runsFor: (incident) =>
        isReal(incident) &&
        incident.visibility === "public" &&
        ["Major", "Critical"].includes(lookup.severity(incident) ?? ""),
      failure: {
        chance: 0.04,
        error: "Slack answered channel_not_found: the bot is no longer in #incidents.",
      },
    },
    {
      record: {
        ...common,
        name: "Create Jira ticket for follow-ups",
        folder: "Follow-ups",
        trigger: { name: "follow_up.created", label: "Follow-up created" },
        once_for: [{ key: "follow_up", label: "Follow-up", type: "FollowUp", array: false }],
        steps: [
          {
            name: "jira.create_issue",
            label: "Create Jira issue",
            param_bindings: [
              { value: { label: "OPS", literal: "OPS" } },
              { value: { label: "Task", literal: "10002" } },
              { value: { label: "Follow-up → Title", reference: "follow_up.title" } },
            ],
          },
        ],
      },
    },
    {
      record: {
        ...common,
        name: "Write the post-mortem when an incident is resolved",
        folder: "Follow-ups",
        trigger: { name: "incident.status-changed", label: "Incident status changed" },
        condition_groups: [
          {
            conditions: [
              {
                subject: { label: "Incident → Status", reference: "incident.status" },
                operation: { label: "is one of", value: "one_of" },
                param_bindings: [
                  {
                    array_value: [{ label: learning?.name ?? "Post-incident", literal: learning?.id ?? "" }],
                  },
                ],
              },
              severityIs("Major", "Critical"),
            ],
          },
        ],
        delay: { for_seconds: 3600, conditions_apply_over_delay: true },
        steps: [
          {
            name: "incident.create_follow_ups",
            label: "Create follow-ups",
            param_bindings: [
              incidentBinding,
              { array_value: [{ label: "Write the post-mortem", literal: "Write the post-mortem" }] },
              {
                value: {
                  label: "Incident → Incident Lead",
                  reference: `incident.role["${leadRole?.id ?? "lead"}"]`,
                },
              },
            ],
          },
        ],
      },
      runsFor: (incident) =>
        isReal(incident) &&
        incident.visibility === "public" &&
        lookup.wasResolved(incident) &&
        ["Major", "Critical"].includes(lookup.severity(incident) ?? ""),
    },
    {
      record: {
        ...common,
        name: "Page execs",
        shortform: "page-execs",
        trigger: { name: "manual", label: "Run manually" },
        state: "draft",
        steps: [
          {
            name: "slack.send_message",
            label: "Send direct message",
            param_bindings: [
              { array_value: [{ label: "Priya Raman", literal: snapshot.users[0]?.id ?? "" }] },
              {
                value: {
                  label: "Exec page for {{ incident.name }}",
                  literal: "Exec page for {{ incident.name }}",
                },
              },
            ],
          },
        ],
      },
    },
  ];

  const workflows: WorkflowRecord[] = [];
  const runs: WorkflowRunRecord[] = [];
  const at = new Date(setUpAt).toISOString();
  for (const plan of plans) {
    const { steps, ...rest } = plan.record;
    const workflow: WorkflowRecord = {
      id: rng.id(setUpAt),
      ...rest,
      steps: steps.map((step) => ({ id: rng.id(setUpAt), ...step })),
      version: rng.int(1, 6),
      management_meta: { managed_by: "dashboard" },
      created_at: at,
      updated_at: at,
    };
    workflows.push(workflow);
    const versionId = rng.id(setUpAt);
    for (const incident of snapshot.incidents) {
      if (!plan.runsFor?.(incident)) continue;
      const delay = (workflow.delay?.for_seconds ?? 0) * SECOND;
      const start =
        (plan.record.trigger.name === "incident.status-changed"
          ? (lookup.timestamp(incident, "Resolved at") ?? Date.parse(incident.created_at))
          : Date.parse(incident.created_at)) +
        rng.int(1, 8) * SECOND;
      const scheduled = Math.min(start + delay, now);
      const done = Math.min(scheduled + rng.int(1, 5) * SECOND, now);
      const failed = plan.failure !== undefined && rng.chance(plan.failure.chance);
      runs.push({
        id: rng.id(start),
        workflow_id: workflow.id,
        workflow_version_id: versionId,
        workflow_version_number: workflow.version,
        incident_id: incident.id,
        progress: workflow.steps.map((step) => ({
          step: step.name,
          status: failed ? "error" : "complete",
          completed_at: new Date(done).toISOString(),
          ...(failed && plan.failure ? { error: plan.failure.error } : {}),
        })),
        ...(failed && plan.failure ? { error: plan.failure.error } : {}),
        scheduled_at: new Date(scheduled).toISOString(),
        enqueued_at: new Date(scheduled).toISOString(),
        created_at: new Date(start).toISOString(),
        updated_at: new Date(done).toISOString(),
      });
    }
  }
  cancelOne(runs, now);
  return { workflows, workflow_runs: runs };
}

/**
 * A delayed run is cancelled when its conditions stop holding before it starts: the demo has one, so the list's
 * "cancelled runs are never returned" shows. It is the last post-mortem reminder, if there is one.
 */
function cancelOne(runs: WorkflowRunRecord[], now: number): void {
  const index = runs.findLastIndex((run) =>
    run.progress.some((p) => p.step === "incident.create_follow_ups"),
  );
  const run = runs[index];
  if (!run) return;
  const at = new Date(Math.min(Date.parse(run.created_at) + 600 * SECOND, now)).toISOString();
  runs[index] = {
    ...run,
    progress: run.progress.map(({ completed_at: _done, error: _error, ...step }) => ({
      ...step,
      status: "pending",
    })),
    cancelled_at: at,
    updated_at: at,
  };
}
