import { type Caller, segment } from "../caller.js";
import { ConfigError, IncidentKitError } from "../errors.js";
import { type AlertEventPayload, AlertEventResult } from "../types/alerts.js";

export interface CreateHttpAlertEventOptions {
  /**
   * The alert source's secret token (its `secret_token`, shown with the source in incident.io). Alert events
   * authenticate with it instead of the API key; it is sent as Bearer authorization, never in the URL, and
   * redacted from errors and debug events like the key.
   */
  token: string;
  signal?: AbortSignal;
}

/** Alert events (v2): alerts sent into one of incident.io's HTTP alert sources. */
export class AlertEvents {
  constructor(private readonly caller: Caller) {}

  /**
   * Sends one event to an HTTP alert source (`POST /v2/alert_events/http/{alert_source_config_id}`, answered 202
   * once accepted; incident.io processes it asynchronously).
   *
   * Retried on 5xx and timeouts only when the event carries a `deduplication_key`: incident.io folds every event
   * with the same key into one alert of that source, so a repeated firing event updates the alert to the same
   * values and a repeated resolved event finds it resolved. Without a key (accepted only by older sources) a repeat
   * could open a second alert, so such an event is retried only after a 429, which is refused before any work.
   * Send the events of one key one at a time and in order: a firing event retried after its resolved event was
   * accepted would fire the alert again.
   */
  async createHttp(
    alertSourceConfigId: string,
    payload: AlertEventPayload,
    options: CreateHttpAlertEventOptions,
  ): Promise<AlertEventResult> {
    if (typeof alertSourceConfigId !== "string" || alertSourceConfigId.trim() === "") {
      throw new IncidentKitError({
        code: "invalid_argument",
        message: "alertSourceConfigId is empty",
        hint: "pass the alert source's ID: the last part of its alert events URL (…/v2/alert_events/http/<ID>)",
      });
    }
    checkToken(options.token);
    const key = payload.deduplication_key;
    return this.caller.json(
      AlertEventResult,
      "POST",
      `/v2/alert_events/http/${segment(alertSourceConfigId.trim())}`,
      {
        body: payload,
        bearerToken: options.token,
        idempotent: typeof key === "string" && key !== "",
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
  }
}

/** A token that cannot be an Authorization header value is refused here, where its name can be given. */
function checkToken(token: unknown): void {
  if (typeof token !== "string" || token.trim() === "") {
    throw new ConfigError(
      "token",
      "no alert source token was given",
      "pass the alert source's secret token: alert events do not accept the API key",
    );
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new ConfigError(
      "token",
      "the alert source token contains characters a token cannot have (spaces or control characters)",
      "copy the alert source's secret token again",
    );
  }
}
