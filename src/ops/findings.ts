import { type Incident, IncidentKitError } from "../api/index.js";
import { incidentIdOf } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { KeyedMutex } from "./keyed-mutex.js";
import type { OpsSession } from "./session.js";

/** A result to publish on an incident, appended to its summary. */
export interface Finding {
  title?: string | undefined;
  /** Markdown. */
  body: string;
  /** Who found it; default "incidentkit". */
  source?: string | undefined;
  /** Post the change in the incident's channel; default false. */
  notify?: boolean | undefined;
}

export const MAX_APPEND_ATTEMPTS = 5;

/** One writer per incident at a time within this process. */
const writers = new KeyedMutex();

function normalised(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** `\n\n---\n**<title>** · <ISO time> · <source>\n\n<body>\n` */
export function findingBlock(finding: Finding, at: Date): string {
  const title = finding.title?.trim() || "Finding";
  const source = finding.source?.trim() || "incidentkit";
  return `\n\n---\n**${title}** · ${at.toISOString()} · ${source}\n\n${finding.body.trim()}\n`;
}

function contains(summary: string | undefined, text: string): boolean {
  return normalised(summary ?? "").includes(normalised(text));
}

/**
 * Appends a timestamped Markdown block to the incident's summary, unless the summary already holds the finding's
 * body. Read, write, read back: when another writer's edit replaced ours, it starts again from the read, up to
 * five attempts, then fails with a retryable error.
 */
export async function appendFinding(
  s: OpsSession,
  ref: string,
  finding: Finding,
): Promise<{ incident: Incident; appended: boolean; attempts: number }> {
  if (typeof finding.body !== "string" || finding.body.trim() === "") {
    throw invalidArgument("a finding needs a body", "give the finding's text (Markdown)");
  }
  const id = await incidentIdOf(s, ref);
  return writers.run(`${s.io.baseUrl} ${id}`, async () => {
    for (let attempts = 1; attempts <= MAX_APPEND_ATTEMPTS; attempts++) {
      const current = await s.io.incidents.show(id);
      if (contains(current.summary, finding.body)) return { incident: current, appended: false, attempts };
      const block = findingBlock(finding, new Date(s.clock.now()));
      const summary = current.summary ? current.summary + block : block.trimStart();
      await s.io.incidents.edit(id, {
        notify_incident_channel: finding.notify ?? false,
        incident: { summary },
      });
      const written = await s.io.incidents.show(id);
      if (contains(written.summary, block)) return { incident: written, appended: true, attempts };
    }
    throw new IncidentKitError({
      code: "conflict",
      message: `the finding could not be appended to incident ${id}: other edits replaced the summary ${MAX_APPEND_ATTEMPTS} times`,
      hint: "another writer is editing this incident's summary; retry in a moment",
      retryable: true,
    });
  });
}
