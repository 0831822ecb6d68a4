import { type Caller, segment } from "../caller.js";
import type {
  ActionsCreatePayload,
  ActionsUpdatePayload,
  WorkItemIncidentMode,
} from "../types/follow-up-payloads.js";
import { type Action, ActionResult, ActionsListResult } from "../types/follow-ups.js";

export interface ActionsFilter {
  incident_id?: string;
  /** Without it, actions of standard and retrospective incidents only. */
  incident_mode?: WorkItemIncidentMode;
}

/** Actions (v2): the to-dos of a response. Writes return incident.io's result object. */
export class Actions {
  constructor(private readonly caller: Caller) {}

  /** Every matching action, oldest first (the list is not paginated). */
  async list(filter: ActionsFilter = {}): Promise<Action[]> {
    return (await this.caller.json(ActionsListResult, "GET", "/v2/actions", { query: { ...filter } }))
      .actions;
  }

  async show(id: string): Promise<Action> {
    return (await this.caller.json(ActionResult, "GET", `/v2/actions/${segment(id)}`)).action;
  }

  /** Not retried on 5xx: there is no idempotency key, so a repeat could add a second action. */
  create(body: ActionsCreatePayload): Promise<{ action: Action }> {
    return this.caller.json(ActionResult, "POST", "/v2/actions", { body });
  }

  /** Sets what is given. Retried safely: it sets, it does not add. */
  update(id: string, body: ActionsUpdatePayload): Promise<{ action: Action }> {
    return this.caller.json(ActionResult, "PUT", `/v2/actions/${segment(id)}`, { body, idempotent: true });
  }

  delete(id: string): Promise<void> {
    return this.caller.send("DELETE", `/v2/actions/${segment(id)}`);
  }
}
