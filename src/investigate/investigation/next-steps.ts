import type { CatalogEntity, EntityLink } from "../../catalog/index.js";
import { describeLead } from "../changes/reasons.js";
import type { ChangeFinding, SimilarFinding, SimilarFollowUps } from "../report.js";
import { changeConfidence } from "./causes.js";
import { clip } from "./evidence.js";

/**
 * What a responder could do next, each step pointing at its evidence: undo the change most likely to blame,
 * open the service's runbook and dashboard (its catalog links), read how the closest similar incident was
 * resolved. Deterministic: the same findings give the same steps in the same order.
 */

const MAX_STEPS = 8;
const MAX_ROLLBACKS = 2;

const UNDO: Readonly<Record<string, string>> = {
  deploy: "Roll back the deploy",
  feature_flag: "Turn back the feature flag change",
  config: "Revert the config change",
  other: "Undo the change",
};

export interface NextStepInputs {
  reference: string;
  changes: readonly ChangeFinding[];
  similar: readonly SimilarFinding[];
  /** The incident's services, as the catalog has them. */
  services: readonly CatalogEntity[];
  /** The custom field that maps incidents to services; absent when the hub has no catalog. */
  serviceField?: string | undefined;
  /** The follow-ups the similar incidents left. */
  pastFollowUps?: readonly SimilarFollowUps[];
}

const MAX_OPEN_TITLES = 3;

export function suggestedNextSteps(inputs: NextStepInputs): string[] {
  const steps: string[] = [];
  const suspects = inputs.changes
    .filter((change) => changeConfidence(change) !== "low")
    .slice(0, MAX_ROLLBACKS);
  for (const change of suspects) {
    const what = change.description.trim() === "" ? "" : ` (${clip(change.description.trim(), 80)})`;
    const by = change.author ? ` by ${change.author}` : "";
    const link = change.link ? `: ${change.link}` : "";
    steps.push(
      `${UNDO[change.kind] ?? UNDO.other} to ${change.service}${what}${by}, ${describeLead(change.leadMs)} before ${inputs.reference}, and watch whether the symptoms stop${link}`,
    );
  }
  for (const service of inputs.services) {
    for (const [label, link] of serviceLinks(service)) {
      steps.push(`${label} for ${service.name}: ${link.url}`);
    }
  }
  const resolved = inputs.similar.find((item) => item.resolution !== null);
  if (resolved) {
    const where = resolved.permalink ? ` (${resolved.permalink})` : "";
    steps.push(
      `Look at how ${resolved.reference} was resolved${where}: ${clip(resolved.resolution ?? "", 200)}`,
    );
  } else if (inputs.similar[0]) {
    const top = inputs.similar[0];
    steps.push(
      `Compare with ${top.reference} (score ${top.score.toFixed(2)})${top.permalink ? `: ${top.permalink}` : ""}`,
    );
  }
  const open = openFollowUpsStep(inputs.pastFollowUps ?? []);
  if (open) steps.push(open);
  if (inputs.services.length === 0 && inputs.serviceField !== undefined) {
    steps.push(
      `Name the affected service in the "${inputs.serviceField}" field, so recent changes, runbooks and dashboards can be found`,
    );
  }
  if (steps.length === 0) {
    steps.push(
      "Nothing recorded points anywhere yet: check the incident's updates and the alerts that opened it, and record deploys with `incidentkit changes add` so the next investigation can use them",
    );
  }
  return steps.slice(0, MAX_STEPS);
}

/** Work last time's incidents left undone may be why this one happened: name the open follow-ups. */
function openFollowUpsStep(found: readonly SimilarFollowUps[]): string | undefined {
  const open = found.flatMap((item) =>
    item.followUps
      .filter((followUp) => followUp.status === "outstanding")
      .map((followUp) => ({ reference: item.reference, followUp })),
  );
  const count = found.reduce((sum, item) => sum + item.outstanding, 0);
  if (count === 0) return undefined;
  const from = [...new Set(found.filter((item) => item.outstanding > 0).map((item) => item.reference))];
  const titles = open
    .slice(0, MAX_OPEN_TITLES)
    .map(
      ({ reference, followUp }) =>
        `"${clip(followUp.title, 80)}" (${reference}${followUp.issue ? `, ${followUp.issue.name}` : ""})`,
    );
  const more = count > titles.length ? `, and ${count - titles.length} more` : "";
  return `Check the ${count} follow-up${count === 1 ? "" : "s"} still open from ${from.join(", ")}: ${titles.join("; ")}${more}`;
}

const RUNBOOK = /runbook|playbook|docs|wiki/i;
const DASHBOARD = /dashboard|grafana|metrics|datadog/i;

/** The runbook and dashboard links of a service (by title, icon or type), else its first link. */
function serviceLinks(entity: CatalogEntity): Array<[string, EntityLink]> {
  const text = (link: EntityLink) => `${link.title ?? ""} ${link.icon ?? ""} ${link.type ?? ""}`;
  const runbook = entity.links.find((link) => RUNBOOK.test(text(link)));
  const dashboard = entity.links.find((link) => link !== runbook && DASHBOARD.test(text(link)));
  const found: Array<[string, EntityLink]> = [];
  if (runbook) found.push(["Follow the runbook", runbook]);
  if (dashboard) found.push(["Check the dashboard", dashboard]);
  if (found.length === 0 && entity.links[0]) {
    found.push([`Open ${entity.links[0].title ?? "the service's link"}`, entity.links[0]]);
  }
  return found;
}
