import { type Caller, segment } from "../caller.js";
import type {
  FollowUpsConnectExternalIssuePayload,
  FollowUpsCreatePayload,
  FollowUpsUpdatePayload,
  WorkItemIncidentMode,
} from "../types/follow-up-payloads.js";
import { type FollowUp, FollowUpResult, FollowUpsListResult } from "../types/follow-ups.js";

export interface FollowUpsFilter {
  /** Only this incident's follow-ups. */
  incident_id?: string;
  /** Without it, follow-ups of standard and retrospective incidents only. */
  incident_mode?: WorkItemIncidentMode;
  assignee_team_id?: string;
}

/** Follow-ups (v2): the work an incident leaves for afterwards. Writes return incident.io's result object. */
export class FollowUps {
  constructor(private readonly caller: Caller) {}

  /** Every matching follow-up, oldest first (the list is not paginated). */
  async list(filter: FollowUpsFilter = {}): Promise<FollowUp[]> {
    return (await this.caller.json(FollowUpsListResult, "GET", "/v2/follow_ups", { query: { ...filter } }))
      .follow_ups;
  }

  async show(id: string): Promise<FollowUp> {
    return (await this.caller.json(FollowUpResult, "GET", `/v2/follow_ups/${segment(id)}`)).follow_up;
  }

  /** Not retried on 5xx: there is no idempotency key, so a repeat could add a second follow-up. */
  create(body: FollowUpsCreatePayload): Promise<{ follow_up: FollowUp }> {
    return this.caller.json(FollowUpResult, "POST", "/v2/follow_ups", { body });
  }

  /** Sets what is given. Retried safely: it sets, it does not add. */
  update(id: string, body: FollowUpsUpdatePayload): Promise<{ follow_up: FollowUp }> {
    return this.caller.json(FollowUpResult, "PUT", `/v2/follow_ups/${segment(id)}`, {
      body,
      idempotent: true,
    });
  }

  delete(id: string): Promise<void> {
    return this.caller.send("DELETE", `/v2/follow_ups/${segment(id)}`);
  }

  /** Links the follow-up to an issue by its URL; refused when it is already connected to one. */
  connectExternalIssue(
    id: string,
    body: FollowUpsConnectExternalIssuePayload,
  ): Promise<{ follow_up: FollowUp }> {
    return this.caller.json(
      FollowUpResult,
      "POST",
      `/v2/follow_ups/${segment(id)}/actions/connect_external_issue`,
      {
        body,
      },
    );
  }
}
