/** The title of the findings block an investigation appends to the incident's summary. */
export const FINDINGS_TITLE = "incidentkit investigation";

const OWN_BLOCKS = new RegExp(
  `\\s*---\\n\\*\\*${FINDINGS_TITLE}\\*\\*[\\s\\S]*?(?=\\n\\s*---\\n\\*\\*|$)`,
  "g",
);

/**
 * A summary without the findings blocks incidentkit appended: what responders wrote. Investigations compare
 * and quote that, so an incident's own findings never make it look less like itself, or become "how it was
 * resolved".
 */
export function withoutFindings(summary: string | null): string | null {
  if (summary === null || !summary.includes(FINDINGS_TITLE)) return summary;
  const kept = summary
    .replace(OWN_BLOCKS, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return kept === "" ? null : kept;
}
