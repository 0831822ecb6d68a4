import {
  WORKFLOW_RUNS_MAX_PAGE_SIZE,
  type WorkflowRun,
  type WorkflowShowResult,
  type WorkflowSlim,
} from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import { invalidArgument, oneOf } from "./invalid-argument.js";
import { findNamed } from "./lookups.js";
import { type Page, readPages } from "./pages.js";
import type { OpsSession } from "./session.js";

/** Every workflow, by name; with `state`, only those in it (active, disabled, draft, error). */
export async function listWorkflows(s: OpsSession, filter: { state?: string } = {}): Promise<WorkflowSlim[]> {
  const workflows = await s.io.workflows.list();
  const state = filter.state?.trim().toLowerCase();
  return workflows
    .filter((workflow) => state === undefined || workflow.state === state)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One workflow by name (any case) or ID, with its trigger, conditions and steps' parameters. */
export async function getWorkflow(s: OpsSession, nameOrId: string): Promise<WorkflowShowResult> {
  const workflows = await s.io.workflows.list();
  const found = findNamed(workflows, nameOrId);
  if (!found) {
    throw invalidArgument(
      `unknown workflow ${JSON.stringify(nameOrId.trim())}`,
      oneOf(
        "workflows",
        workflows.map((workflow) => workflow.name),
      ),
    );
  }
  return s.io.workflows.show(found.id);
}

/** The runs of workflows, newest first: of one incident, one workflow (by name or ID), or both; a page or all. */
export async function listWorkflowRuns(
  s: OpsSession,
  filter: { incident?: string | undefined; workflow?: string | undefined } = {},
  page?: Page,
): Promise<{ runs: WorkflowRun[]; nextCursor?: string }> {
  const [incident, workflow] = await Promise.all([
    filter.incident === undefined ? undefined : fetchIncident(s, filter.incident),
    filter.workflow === undefined ? undefined : getWorkflow(s, filter.workflow),
  ]);
  const read = await readPages(async (after, pageSize) => {
    const result = await s.io.workflowRuns.listPage(
      {
        ...(incident ? { incidentId: incident.id } : {}),
        ...(workflow ? { workflowId: workflow.workflow.id } : {}),
      },
      {
        pageSize: Math.min(pageSize, WORKFLOW_RUNS_MAX_PAGE_SIZE),
        after,
      },
    );
    return { items: result.workflowRuns, after: result.paginationMeta?.after };
  }, page);
  return { runs: read.items, ...(read.nextCursor !== undefined ? { nextCursor: read.nextCursor } : {}) };
}
