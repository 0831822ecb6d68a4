import type { Clock } from "../../shared/clock.js";
import { type IncidentRenderer, renderStatus } from "../render.js";
import type { EmulatorState } from "../state.js";
import type { DeliveryAttempt, DeliveryFilter } from "./delivery-log.js";
import { type EndpointInput, EndpointRegistry, type WebhookEndpoint } from "./endpoints.js";
import { type EventSources, incidentEvents } from "./events.js";
import { type SenderOptions, WebhookSender } from "./sender.js";

export type { DeliveryAttempt, DeliveryFilter, DeliveryOutcome } from "./delivery-log.js";
export type { EndpointInput, ListedEndpoint, WebhookEndpoint } from "./endpoints.js";
export { generateSecret } from "./endpoints.js";
export { INCIDENT_EVENT_TYPES, type IncidentEventType } from "./events.js";
export type { SenderOptions } from "./sender.js";

/** Webhook settings for `createEmulator`. */
export interface WebhookOptions extends SenderOptions {
  /** Registered at start; a secret is generated for each that has none (read it from `webhooks.endpoints()`). */
  endpoints?: EndpointInput[];
}

/** The emulator's outgoing webhooks, as `createEmulator` exposes them. */
export interface EmulatorWebhooks {
  /** Registers an endpoint; the answer carries its secret (generated when not given). */
  addEndpoint(input: EndpointInput): WebhookEndpoint;
  removeEndpoint(id: string): boolean;
  /** Every endpoint with its secret, for whoever started the emulator. */
  endpoints(): WebhookEndpoint[];
  /** Delivery attempts, newest first. */
  deliveries(filter?: DeliveryFilter): DeliveryAttempt[];
  /** Resolves once every event so far was delivered or given up on (pending retries included). */
  idle(): Promise<void>;
}

export interface WebhookRuntime {
  endpoints: EndpointRegistry;
  sender: WebhookSender;
  api: EmulatorWebhooks;
}

/** Wires the sender to the state: every committed incident change becomes events for every endpoint. */
export function startWebhooks(
  state: EmulatorState,
  renderer: IncidentRenderer,
  clock: Clock,
  options: WebhookOptions = {},
): WebhookRuntime {
  const endpoints = new EndpointRegistry(() => clock.now());
  for (const endpoint of options.endpoints ?? []) endpoints.add(endpoint);
  const sender = new WebhookSender(endpoints, clock, options);
  const sources: EventSources = {
    renderIncident: (incident) => renderer.render(incident),
    renderStatus: (id) => {
      const status = state.get("incident_statuses", id);
      return status ? renderStatus(status) : undefined;
    },
    updatesOf: (id) => state.updatesOf(id),
  };
  state.onIncidentsChanged((changes) => {
    if (!sender.hasEndpoints) return;
    sender.publish(changes.flatMap((change) => incidentEvents(change, sources)));
  });
  return {
    endpoints,
    sender,
    api: {
      addEndpoint: (input) => endpoints.add(input),
      removeEndpoint: (id) => endpoints.remove(id),
      endpoints: () => endpoints.active().map((endpoint) => ({ ...endpoint })),
      deliveries: (filter) => sender.log.list(filter),
      idle: () => sender.idle(),
    },
  };
}
