import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import type { ConditionGroup, ParamBinding } from "../../../api/index.js";
import { getWorkflow, listWorkflowRuns, listWorkflows } from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter, pageOf, withNextPage } from "../flags.js";

function bindingText(binding: ParamBinding): string {
  return (binding.array_value ?? (binding.value ? [binding.value] : [])).map((v) => v.label).join(", ");
}

/** "Incident → Severity is one of Critical and …" per condition group. */
function conditionLines(groups: readonly ConditionGroup[]): string[] {
  return groups.map((group) =>
    group.conditions
      .map((c) => [c.subject.label, c.operation.label, ...c.param_bindings.map(bindingText)].join(" ").trim())
      .join(" and "),
  );
}

/** `workflows list|show|runs`: which automation fires when, read only. */
export function registerWorkflowsCommand(program: CommandUnknownOpts, config: Config): void {
  const workflows = program
    .command("workflows")
    .description(
      "The organisation's workflows, read only: what triggers each, its conditions, its steps and runs.",
    )
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit workflows list",
        'incidentkit workflows show "Page on-call for critical incidents"',
        "incidentkit workflows runs --incident INC-123",
      ]),
    );

  workflows
    .command("list")
    .description("Every workflow by name, with its state, trigger and steps.")
    .option("--state <state>", "only active, disabled, draft or error workflows")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit workflows list", "incidentkit workflows list --state active --json"],
        '{ "workflows": [...] }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const list = await listWorkflows(
        sessionFor(config, globals),
        flags.state ? { state: flags.state } : {},
      );
      out.emit({ workflows: list }, () =>
        list.length === 0
          ? "No workflows."
          : out.table(
              ["NAME", "STATE", "TRIGGER", "STEPS", "ID"],
              list.map((w) => [
                w.name,
                w.state,
                w.trigger.label,
                w.steps.map((s) => s.label).join(" → "),
                w.id,
              ]),
              { header: out.colour.bold },
            ),
      );
    });

  workflows
    .command("show")
    .description("One workflow by name or ID: trigger, conditions, steps, what it runs on, who manages it.")
    .argument("<workflow>", "the workflow's name (any case) or ID")
    .addHelpText(
      "after",
      helpAfter(
        ['incidentkit workflows show "Announce major incidents in #incidents"'],
        '{ "workflow": incident.io workflow, "management_meta": { "managed_by", … } }',
      ),
    )
    .action(async (name, _flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const { workflow, management_meta } = await getWorkflow(sessionFor(config, globals), name);
      const conditions = conditionLines(workflow.condition_groups);
      out.emit({ workflow, management_meta }, () =>
        [
          `${out.colour.bold(workflow.name)}  [${workflow.state}]`,
          `Trigger:     ${workflow.trigger.label}`,
          `Conditions:  ${conditions.length > 0 ? conditions.join("\n             or ") : "none (runs every time)"}`,
          `Steps:       ${workflow.steps.map((s) => s.label).join("\n             ") || "none"}`,
          ...(workflow.delay ? [`Delay:       ${workflow.delay.for_seconds}s`] : []),
          `Runs on:     ${workflow.runs_on_incident_modes.join(", ")} incidents, ${workflow.runs_on_incidents.replaceAll("_", " ")}`,
          `Managed by:  ${management_meta.managed_by}`,
          `ID:          ${workflow.id}`,
        ].join("\n"),
      );
    });

  workflows
    .command("runs")
    .description("Runs of workflows, newest first: for an incident, a workflow, or both.")
    .option("--incident <ref>", "only runs for this incident (ID, INC-123 or URL)")
    .option("--workflow <name>", "only runs of this workflow (name or ID)")
    .option("--limit <n>", "runs per page, 1 to 250", "25")
    .option("--all", "every page, not only the first")
    .option("--after <cursor>", "the page after this cursor")
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit workflows runs --incident INC-123",
          'incidentkit workflows runs --workflow "Create Jira ticket for follow-ups" --json',
        ],
        '{ "workflow_runs": [...], "next_cursor": string | null }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const result = await listWorkflowRuns(
        sessionFor(config, globals),
        {
          incident: flags.incident,
          workflow: flags.workflow,
        },
        pageOf(flags),
      );
      const nextCursor = result.nextCursor ?? null;
      out.emit({ workflow_runs: result.runs, next_cursor: nextCursor }, () =>
        result.runs.length === 0
          ? "No workflow runs."
          : withNextPage(
              out.table(
                ["CREATED", "WORKFLOW", "INCIDENT", "STEPS", "ERROR"],
                result.runs.map((run) => [
                  run.created_at,
                  run.workflow_name ?? run.workflow_id,
                  run.incident_reference ?? "",
                  run.progress.map((p) => `${p.step}: ${p.status}`).join(", "),
                  run.error ?? run.progress.find((p) => p.error)?.error ?? "",
                ]),
                { header: out.colour.bold },
              ),
              nextCursor,
            ),
      );
    });
}
