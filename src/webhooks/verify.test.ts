import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../shared/clock.js";
import { WebhookRejected, WebhookVerifier } from "./verify.js";

const SECRET = `whsec_${Buffer.from("incidentkit-test-secret-0123456789").toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("someone-else-entirely-9876543210").toString("base64")}`;
const NOW = Date.parse("2026-11-23T12:00:00Z");
const BODY =
  '{"event_type":"private_incident.incident_created_v2","private_incident.incident_created_v2":{"id":"01J"}}';

function signed(options: { secret?: string; at?: number; id?: string; body?: string; prefix?: string } = {}) {
  const at = options.at ?? NOW;
  const id = options.id ?? "msg_1";
  const prefix = options.prefix ?? "webhook";
  const signature = new Webhook(options.secret ?? SECRET).sign(id, new Date(at), options.body ?? BODY);
  return {
    [`${prefix}-id`]: id,
    [`${prefix}-timestamp`]: String(Math.floor(at / 1000)),
    [`${prefix}-signature`]: signature,
  };
}

function rejection(run: () => unknown): WebhookRejected {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookRejected) return error;
    throw error;
  }
  throw new Error("expected the delivery to be rejected");
}

describe("WebhookVerifier", () => {
  const verifier = new WebhookVerifier(SECRET, new ManualClock(NOW));

  it("accepts a delivery signed with the endpoint's secret and gives its webhook-id", () => {
    expect(verifier.verify(BODY, signed())).toEqual({ webhookId: "msg_1", timestamp: NOW / 1000 });
  });

  it("accepts Svix's svix-* header names as well as webhook-*", () => {
    expect(verifier.verify(BODY, new Headers(signed({ prefix: "svix" }))).webhookId).toBe("msg_1");
  });

  it("accepts when one of several space-separated signatures matches (secret rotation)", () => {
    const headers = signed();
    const stale = signed({ secret: OTHER_SECRET })["webhook-signature"];
    headers["webhook-signature"] = `${stale} ${headers["webhook-signature"]}`;
    expect(verifier.verify(BODY, headers).webhookId).toBe("msg_1");
  });

  it("rejects a body changed after signing", () => {
    const error = rejection(() => verifier.verify(BODY.replace("01J", "01K"), signed()));
    expect(error.reason).toBe("bad_signature");
  });

  it("rejects a delivery signed with another secret", () => {
    expect(rejection(() => verifier.verify(BODY, signed({ secret: OTHER_SECRET }))).reason).toBe(
      "bad_signature",
    );
  });

  it("rejects a webhook-id swapped after signing", () => {
    const headers = { ...signed(), "webhook-id": "msg_2" };
    expect(rejection(() => verifier.verify(BODY, headers)).reason).toBe("bad_signature");
  });

  it("accepts up to 5 minutes either side of its clock, and rejects beyond", () => {
    expect(verifier.verify(BODY, signed({ at: NOW - 300_000 })).webhookId).toBe("msg_1");
    expect(verifier.verify(BODY, signed({ at: NOW + 300_000 })).webhookId).toBe("msg_1");
    const old = rejection(() => verifier.verify(BODY, signed({ at: NOW - 301_000 })));
    expect([old.reason, old.message]).toEqual([
      "expired",
      "the webhook timestamp is more than 5 minutes old",
    ]);
    expect(rejection(() => verifier.verify(BODY, signed({ at: NOW + 301_000 }))).reason).toBe("future");
  });

  it("rejects missing headers and a timestamp that is not a number", () => {
    const { "webhook-signature": _s, ...unsigned } = signed();
    expect(rejection(() => verifier.verify(BODY, unsigned)).reason).toBe("missing_headers");
    expect(rejection(() => verifier.verify(BODY, { ...signed(), "webhook-timestamp": "soon" })).reason).toBe(
      "bad_timestamp",
    );
  });

  it("refuses a secret that is not whsec_ and base64, without repeating it", () => {
    expect(() => new WebhookVerifier("s3cr3t-value")).toThrow(/must start with "whsec_"/);
    expect(() => new WebhookVerifier("s3cr3t-value")).not.toThrow(/s3cr3t/);
  });
});
