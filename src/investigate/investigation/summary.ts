import type { IncidentContext } from "../../ops/context.js";
import type { ChangeFinding, ProbableCause, ReportIncident, SimilarFinding } from "../report.js";
import { changePhrase } from "./causes.js";
import { clip } from "./evidence.js";

export interface SummaryInputs {
  incident: ReportIncident;
  /** Service names. */
  services: readonly string[];
  context?: Pick<IncidentContext, "updates" | "roles">;
  changes: readonly ChangeFinding[];
  similar: readonly SimilarFinding[];
  causes: readonly ProbableCause[];
  windowHours: number;
}

/**
 * One paragraph a responder reads first: the incident, who holds it, what the investigation found, and the most
 * likely cause with its confidence. Every figure in it is in the report below it.
 */
export function summaryParagraph(inputs: SummaryInputs): string {
  const { incident } = inputs;
  const rank = [incident.severity?.name ?? "no severity", incident.priority].filter(Boolean).join(", ");
  const affects =
    inputs.services.length > 0 ? `, affecting ${inputs.services.join(", ")}` : ", no service named";
  const sentences = [
    `${incident.reference} "${clip(incident.name, 120)}" (${rank}; ${incident.status.name}) was declared at ${incident.createdAt.slice(0, 16).replace("T", " ")} UTC${affects}.`,
  ];
  const lead = inputs.context?.roles.find((role) => /lead|commander/i.test(role.role) && role.assignee);
  const updates = inputs.context?.updates ?? [];
  const latest = updates.at(-1)?.message?.trim();
  if (lead || updates.length > 0) {
    const parts = [
      ...(lead ? [`${lead.role}: ${lead.assignee}`] : []),
      ...(updates.length > 0
        ? [
            `${updates.length} update${updates.length === 1 ? "" : "s"}${latest ? `, the latest: "${clip(latest, 140)}"` : ""}`,
          ]
        : []),
    ];
    sentences.push(`${parts.join("; ")}.`);
  }
  const changes =
    inputs.changes.length === 0
      ? `no change to its services or their dependencies in the ${inputs.windowHours} h before`
      : `${count(inputs.changes.length, "change")} in the ${inputs.windowHours} h before (newest: ${changePhrase(inputs.changes[0] as ChangeFinding)})`;
  const best = inputs.similar[0];
  const similar = best
    ? `${count(inputs.similar.length, "similar incident")} (closest: ${best.reference}, score ${best.score.toFixed(2)})`
    : "no similar past incident";
  sentences.push(`Found ${changes} and ${similar}.`);
  const cause = inputs.causes[0];
  sentences.push(
    cause
      ? `Most likely cause (${cause.confidence} confidence): ${cause.title}.`
      : "Nothing found points to a cause yet.",
  );
  return sentences.join(" ");
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
