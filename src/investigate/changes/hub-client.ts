import { IncidentKitError } from "../../api/errors.js";
import { CHANGE_CLIENT_HEADER, type Change, type ChangeJson, changeFromJson } from "./change.js";
import type { FieldError } from "./input.js";

/** A change as `POST /changes` takes it: a service, a repository (`owner/name`), or both. */
export interface ChangeBody {
  service?: string | undefined;
  repository?: string | undefined;
  kind: string;
  description: string;
  link?: string | undefined;
  author?: string | undefined;
  happened_at?: string | undefined;
  external_id?: string | undefined;
  environment?: string | undefined;
  production?: boolean | undefined;
}

export interface HubChangesOptions {
  /** The hub's base URL, e.g. http://127.0.0.1:8780. */
  url: string;
  /** The hub's changes token (or its admin token). Never put in a message. */
  token: string;
  /** Where the token came from, for hints: an environment variable's name. */
  tokenSource: string;
  timeoutMs?: number;
}

/** The hub's change feed over HTTP, for the CLI: changes are recorded by the hub, which knows the catalog. */
export class HubChanges {
  constructor(private readonly options: HubChangesOptions) {}

  /** Records a change; `duplicate` when the hub already had one with the same external ID. */
  async add(body: ChangeBody): Promise<{ change: Change; duplicate: boolean }> {
    const answer = await this.call("POST", "/changes", body);
    const { change, duplicate } = answer as { change: ChangeJson; duplicate?: boolean };
    return { change: changeFromJson(change), duplicate: duplicate === true };
  }

  /** Changes, newest first. */
  async list(query: { service?: string; since?: string; limit?: number }): Promise<Change[]> {
    const params = new URLSearchParams();
    if (query.service !== undefined) params.set("service", query.service);
    if (query.since !== undefined) params.set("since", query.since);
    if (query.limit !== undefined) params.set("limit", String(query.limit));
    const answer = (await this.call("GET", `/changes?${params}`)) as { changes: ChangeJson[] };
    return answer.changes.map(changeFromJson);
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const base = this.options.url.replace(/\/+$/, "");
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          [CHANGE_CLIENT_HEADER]: "cli",
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new IncidentKitError({
        code: "hub_unreachable",
        message: `the hub at ${base} did not answer (${describeFailure(error)})`,
        hint: "start it with `incidentkit up`, or pass --hub-url with the address it listens on",
        retryable: true,
        cause: error,
      });
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: string; errors?: FieldError[] };
    if (response.ok) return answer;
    if (response.status === 401) {
      throw new IncidentKitError({
        code: "unauthorized",
        message: `the hub refused the token in ${this.options.tokenSource}: ${answer.error ?? "401"}`,
        hint: `set ${this.options.tokenSource} to the value of the variable the hub config's changes.token_env names (or the hub's admin token)`,
      });
    }
    if (response.status === 400 && answer.errors) {
      throw new IncidentKitError({
        code: "invalid_argument",
        message: `the hub refused the change: ${answer.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`,
        hint: "correct the options named, then run the command again",
      });
    }
    throw new IncidentKitError({
      code: "hub_error",
      message: `the hub answered ${response.status}${answer.error ? `: ${answer.error}` : ""}`,
      hint: "the hub's log says more",
      retryable: response.status >= 500,
    });
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return "timed out";
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
