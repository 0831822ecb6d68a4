import type { CustomField } from "../../../api/index.js";
import type { OpsSession } from "../../../ops/index.js";

/** A severity with its ID, as the declare form offers it. */
export interface OrgSeverity {
  id: string;
  name: string;
  rank: number;
}

/** How long a page waits for incident.io's settings before it falls back to what the mirror knows. */
const SETTINGS_WAIT_MS = 2_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

/**
 * The organisation's severities and the catalog's custom field, as incident.io lists them. The session lists
 * each once and keeps it; until then a page waits at most two seconds, and is built from what the mirror has
 * seen if incident.io is slow or unreachable, so the UI never hangs on the API.
 */
export class OrgSettings {
  constructor(
    private readonly session: OpsSession,
    private readonly field: string | undefined,
  ) {}

  /** Least severe first; undefined when incident.io did not answer in time. */
  async severities(): Promise<OrgSeverity[] | undefined> {
    const listed = await within(this.session.lookups.severities(), SETTINGS_WAIT_MS);
    return listed?.map(({ id, name, rank }) => ({ id, name, rank }));
  }

  /** The catalog's custom field; undefined when none is configured or incident.io did not answer in time. */
  async customField(): Promise<CustomField | undefined> {
    if (this.field === undefined) return undefined;
    return within(this.session.lookups.customField(this.field), SETTINGS_WAIT_MS);
  }
}
