import { resolutionText, type SimilarIncidentJson } from "../../../app/similar-json.js";
import { formatElapsed } from "../../../shared/duration.js";
import { relativeTime } from "../../../shared/relative-time.js";
import type { Output } from "./output.js";

export interface SimilarDocument {
  query: { incident: { reference: string; name: string } | null; text: string | null; services: string[] };
  results: SimilarIncidentJson[];
  considered: number;
}

/**
 * Each similar incident as three lines: score, reference, name and facts; why it was ranked; how it ended.
 */
export function similarText(document: SimilarDocument, out: Output): string {
  const { query, results } = document;
  const subject = query.incident
    ? `${query.incident.reference} “${query.incident.name}”`
    : `“${query.text ?? query.services.join(", ")}”`;
  if (results.length === 0) {
    return `No past incident is similar enough to ${subject} (${document.considered} compared). Try a lower --threshold.`;
  }
  const lines = [
    `${results.length} incident${results.length === 1 ? "" : "s"} similar to ${subject} (${document.considered} compared):`,
  ];
  for (const result of results) {
    const facts = [
      result.severity ?? "no severity",
      result.status,
      relativeTime(result.created_at, out.now()),
    ];
    lines.push(
      "",
      `${out.colour.bold(result.score.toFixed(2))}  ${result.reference}  ${result.name}  (${facts.join(", ")})`,
      `      why: ${result.reasons.join("; ")}`,
      `      how it ended: ${resolutionText(result, (seconds) => formatElapsed(seconds * 1000))}`,
    );
    if (result.permalink) lines.push(`      ${out.colour.dim(result.permalink)}`);
  }
  return lines.join("\n");
}
