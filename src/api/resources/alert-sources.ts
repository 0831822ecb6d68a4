import { type Caller, segment } from "../caller.js";
import { type AlertSource, AlertSourceResult, AlertSourcesListResult } from "../types/alerts.js";

/** Alert sources (v2): where incident.io takes alerts in. Read only here. */
export class AlertSources {
  constructor(private readonly caller: Caller) {}

  /** Every alert source (the list is not paginated). Each may carry its `secret_token`: keep it out of output. */
  async list(): Promise<AlertSource[]> {
    return (await this.caller.json(AlertSourcesListResult, "GET", "/v2/alert_sources")).alert_sources;
  }

  async show(id: string): Promise<AlertSource> {
    return (await this.caller.json(AlertSourceResult, "GET", `/v2/alert_sources/${segment(id)}`))
      .alert_source;
  }
}
