import type { SeverityDefinition } from "./entity.js";

/** The organisation's settings rules read by name: its severities, ordered by rank. */
export class Organisation {
  private readonly byName = new Map<string, SeverityDefinition>();
  readonly severityNames: readonly string[];

  constructor(severities: readonly SeverityDefinition[]) {
    const ordered = [...severities].sort((a, b) => a.rank - b.rank);
    for (const severity of ordered) this.byName.set(severity.name.toLowerCase(), severity);
    this.severityNames = ordered.map((severity) => severity.name);
  }

  /** The severity with this name, ignoring case. */
  severity(name: string): SeverityDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }
}
