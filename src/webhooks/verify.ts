import { timingSafeEqual } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { type Clock, systemClock } from "../shared/clock.js";
import { ConfigError, IncidentKitError } from "../shared/errors.js";

/** How far a delivery's timestamp may be from our clock, either way: Svix's and Standard Webhooks' 5 minutes. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** A delivery that passed: its webhook-id and the raw body, now known to come from the secret's holder. */
export interface VerifiedDelivery {
  webhookId: string;
  /** Seconds since the epoch, as signed. */
  timestamp: number;
}

const CLOCK_HINT = "check this machine's clock: a delivery is taken within 5 minutes of its timestamp";
const HEADERS_HINT =
  "send deliveries as incident.io does: webhook-id, webhook-timestamp (seconds) and webhook-signature headers";

const REJECTION_HINTS = {
  missing_headers: HEADERS_HINT,
  bad_timestamp: HEADERS_HINT,
  expired: CLOCK_HINT,
  future: CLOCK_HINT,
  bad_signature: "set the hub's signing secret to the one incident.io shows for this webhook endpoint",
} as const;

/** Why a delivery was refused; the message is short, safe to answer with, and never holds the secret. */
export class WebhookRejected extends IncidentKitError {
  constructor(
    readonly reason: "missing_headers" | "bad_timestamp" | "expired" | "future" | "bad_signature",
    message: string,
  ) {
    super({
      code: "unauthorized",
      message,
      hint: REJECTION_HINTS[reason],
    });
    this.name = "WebhookRejected";
  }
}

/** The signing secret as configured: the hub does not start with one that cannot verify anything. */
const SECRET_HINT = "copy the endpoint's signing secret (whsec_…) from incident.io's webhook settings again";

/** Headers as a lookup by lower-case name: a `Headers` object, or a plain record. */
export type HeaderSource = Headers | Record<string, string | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

/** The three signing headers, under their Standard Webhooks names or the `svix-` names incident.io's Svix sends. */
function signingHeaders(headers: HeaderSource): { id: string; timestamp: string; signature: string } {
  for (const prefix of ["webhook", "svix"]) {
    const id = header(headers, `${prefix}-id`);
    const timestamp = header(headers, `${prefix}-timestamp`);
    const signature = header(headers, `${prefix}-signature`);
    if (id && timestamp && signature) return { id, timestamp, signature };
  }
  throw new WebhookRejected(
    "missing_headers",
    "missing webhook-id, webhook-timestamp or webhook-signature header (or their svix- forms)",
  );
}

/**
 * What can be checked of a delivery before its body is read, whatever the secret: its signing headers are all
 * there and its timestamp is within 5 minutes of our clock. Throws `WebhookRejected` saying why not.
 */
export function checkDeliveryHeaders(
  headers: HeaderSource,
  clock: Clock = systemClock,
): { id: string; signature: string; seconds: number } {
  const { id, timestamp, signature } = signingHeaders(headers);
  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new WebhookRejected("bad_timestamp", "the webhook-timestamp header is not a number of seconds");
  }
  const seconds = Number(timestamp);
  const now = Math.floor(clock.now() / 1000);
  if (now - seconds > TIMESTAMP_TOLERANCE_SECONDS) {
    throw new WebhookRejected("expired", "the webhook timestamp is more than 5 minutes old");
  }
  if (seconds - now > TIMESTAMP_TOLERANCE_SECONDS) {
    throw new WebhookRejected("future", "the webhook timestamp is more than 5 minutes in the future");
  }
  return { id, signature, seconds };
}

/**
 * Verifies incident.io webhook deliveries (Svix, Standard Webhooks): the HMAC over `id.timestamp.body` with the
 * endpoint's `whsec_` signing secret, and a timestamp within 5 minutes of our clock either way. Signatures are
 * computed by the `standardwebhooks` library; the clock is ours, so tests can move it.
 */
export class WebhookVerifier {
  private readonly webhook: Webhook;

  constructor(
    secret: string,
    private readonly clock: Clock = systemClock,
  ) {
    if (!secret.startsWith("whsec_")) {
      throw new ConfigError(
        "webhook signing secret",
        'The webhook signing secret must start with "whsec_"',
        SECRET_HINT,
      );
    }
    try {
      this.webhook = new Webhook(secret);
    } catch {
      throw new ConfigError(
        "webhook signing secret",
        'The webhook signing secret is not "whsec_" followed by base64',
        SECRET_HINT,
      );
    }
  }

  /** Checks a delivery against its raw body; throws `WebhookRejected` saying why when it does not pass. */
  verify(rawBody: string, headers: HeaderSource): VerifiedDelivery {
    const { id, signature, seconds } = checkDeliveryHeaders(headers, this.clock);
    const expected = Buffer.from(this.webhook.sign(id, new Date(seconds * 1000), rawBody));
    const matches = signature.split(" ").some((candidate) => {
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) throw new WebhookRejected("bad_signature", "no signature matches this endpoint's secret");
    return { webhookId: id, timestamp: seconds };
  }
}
