import { IncidentKitError } from "../api/index.js";
import type { OpsSession } from "../ops/session.js";

/**
 * The incident.io accounts a hub serves, each through its own session (its own key, and so its own rate budget):
 * the hub's own account, where alerts open incidents, and every other account its catalog names
 * (`incidentkit.io/account`), whose incidents the hub mirrors, maps, scores and investigates in that account.
 */
export class HubAccounts {
  private readonly byAlias = new Map<string, OpsSession>();

  constructor(
    /** The hub's own account: alerts open incidents there, and entities without an account belong to it. */
    readonly primary: OpsSession,
    others: Iterable<OpsSession> = [],
  ) {
    this.byAlias.set(primary.alias, primary);
    for (const session of others)
      if (!this.byAlias.has(session.alias)) this.byAlias.set(session.alias, session);
  }

  /** Every account's alias, the hub's own first. */
  get aliases(): string[] {
    return [...this.byAlias.keys()];
  }

  /** Whether the hub serves more than one account: references are then shown with their account. */
  get several(): boolean {
    return this.byAlias.size > 1;
  }

  sessions(): OpsSession[] {
    return [...this.byAlias.values()];
  }

  has(alias: string): boolean {
    return this.byAlias.has(alias);
  }

  /** The session of an account the hub serves; any other account is an error saying which ones it serves. */
  session(alias: string): OpsSession {
    const session = this.byAlias.get(alias);
    if (session) return session;
    throw new IncidentKitError({
      code: "invalid_argument",
      message: `this hub does not serve the incident.io account ${alias} (it serves ${this.aliases.join(", ")})`,
      hint: `name ${alias} in the catalog (the incidentkit.io/account annotation) and configure it (incidentkit accounts add ${alias}), then restart the hub`,
    });
  }
}
