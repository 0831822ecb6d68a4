import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../shared/clock.js";
import { renderFindings } from "./slack-blocks.js";
import { SlackConfigError, SlackDeliveryError } from "./slack-errors.js";
import type { SlackHttpOptions, SlackSendEvent } from "./slack-http.js";
import { botSender, webhookSender } from "./slack-sender.js";
import { sampleReport } from "./testing/report-fixture.js";
import { type SlackSink, startSlackSink } from "./testing/slack-sink.js";

const WEBHOOK_SECRET = "T0AAAAAAA/B0BBBBBBB/s3cretWebhookPart9f8e7d";
const TOKEN = "xoxb-1111111111-2222222222-t0kenSecretPart";
const message = renderFindings(sampleReport());

/** A clock whose sleeps return at once and are recorded, so retries are fast and their waits checkable. */
class RecordingClock implements Clock {
  readonly sleeps: number[] = [];
  now(): number {
    return Date.now();
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
  }
}

let sink: SlackSink;
const seen: string[] = [];

beforeAll(async () => {
  sink = await startSlackSink();
});
afterAll(async () => {
  await sink.close();
  // Every error message and event any test produced: no secret may be in one.
  const all = seen.join("\n");
  expect(all).not.toContain("s3cretWebhookPart");
  expect(all).not.toContain("t0kenSecretPart");
});

function setup(extra: SlackHttpOptions = {}) {
  const clock = new RecordingClock();
  const events: SlackSendEvent[] = [];
  const options: SlackHttpOptions = {
    clock,
    random: () => 0.5,
    onEvent: (event) => {
      events.push(event);
      seen.push(JSON.stringify(event));
    },
    ...extra,
  };
  const webhookUrl = `${sink.url}/services/${WEBHOOK_SECRET}`;
  return {
    clock,
    events,
    webhookUrl,
    webhook: webhookSender(webhookUrl, options),
    bot: botSender({ token: TOKEN, channel: "C0INCIDENTS", apiBaseUrl: `${sink.url}/api` }, options),
  };
}

async function failure(promise: Promise<unknown>): Promise<SlackDeliveryError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the send to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlackDeliveryError);
  const delivery = error as SlackDeliveryError;
  seen.push(delivery.message, delivery.hint, String(delivery.stack));
  return delivery;
}

describe("incoming webhook", () => {
  it("posts the message as JSON to the webhook URL, with no auth header, and Slack's 'ok' is success", async () => {
    const { webhook } = setup();
    sink.script({ status: 200, body: "ok" });
    const receipt = await webhook.send(message);
    expect(receipt).toEqual({ via: "webhook", attempts: 1 });
    expect(sink.requests).toHaveLength(1);
    const [request] = sink.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(`/services/${WEBHOOK_SECRET}`);
    expect(request?.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.json).toEqual({
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it("waits as long as Retry-After says after a 429, then posts", async () => {
    const { webhook, clock, events } = setup();
    sink.script(
      { status: 429, body: "rate_limited", headers: { "retry-after": "2" } },
      { status: 200, body: "ok" },
    );
    const receipt = await webhook.send(message);
    expect(receipt.attempts).toBe(2);
    expect(sink.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
    expect(events.map((e) => [e.status, e.code, e.retryInMs])).toEqual([
      [429, "rate_limited", 2000],
      [200, undefined, undefined],
    ]);
  });

  it("retries a 500 with backoff and a dropped connection, then succeeds", async () => {
    const { webhook, clock } = setup();
    sink.script({ status: 500, body: "rollup_error" }, { drop: true }, { status: 200, body: "ok" });
    const receipt = await webhook.send(message);
    expect(receipt.attempts).toBe(3);
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  it("does not retry 404 no_service and says to create a new webhook, without the URL", async () => {
    const { webhook, webhookUrl } = setup();
    sink.script({ status: 404, body: "no_service" });
    const error = await failure(webhook.send(message));
    expect(sink.requests).toHaveLength(1);
    expect(error.code).toBe("no_service");
    expect(error.status).toBe(404);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Slack's incoming webhook answered 404 no_service (1 attempt)");
    expect(error.message).toContain(
      "the webhook URL was revoked or its app removed: create a new incoming webhook",
    );
    expect(error.message).not.toContain(webhookUrl);
  });

  it.each([
    [400, "invalid_payload", "Slack could not read the message"],
    [410, "channel_is_archived", "the webhook's channel is archived"],
    [403, "action_prohibited", "a workspace admin restricts"],
  ])("does not retry %i %s", async (status, code, fix) => {
    const { webhook } = setup();
    sink.script({ status, body: code });
    const error = await failure(webhook.send(message));
    expect(sink.requests).toHaveLength(1);
    expect(error.code).toBe(code);
    expect(error.hint).toContain(fix);
  });

  it("gives up after 4 attempts at a failing Slack, saying it can be tried later", async () => {
    const { webhook, clock } = setup();
    sink.script(
      ...Array.from({ length: 4 }, () => ({ status: 503, body: "<html>Service Unavailable</html>" })),
    );
    const error = await failure(webhook.send(message));
    expect(sink.requests).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
    expect(error.code).toBe("http_503");
    expect(error.retryable).toBe(true);
    expect(error.attempts).toBe(4);
    expect(error.message).toContain("(4 attempts)");
  });

  it("fails at once, retryable, when Retry-After is longer than it waits", async () => {
    const { webhook, clock } = setup({ maxRetryDelayMs: 10_000 });
    sink.script({ status: 429, body: "rate_limited", headers: { "retry-after": "120" } });
    const error = await failure(webhook.send(message));
    expect(sink.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.message).toContain("asked to wait 120 s");
  });

  it("names the network failure when Slack cannot be reached, and never the URL", async () => {
    const closed = await startSlackSink();
    await closed.close();
    const url = `${closed.url}/services/${WEBHOOK_SECRET}`;
    const sender = webhookSender(url, { clock: new RecordingClock(), maxAttempts: 2 });
    const error = await failure(sender.send(message));
    expect(error.code).toBe("network");
    expect(error.attempts).toBe(2);
    expect(error.message).toContain("could not reach Slack (ECONNREFUSED)");
  });

  it("refuses a webhook URL that is not https before sending, without echoing it", () => {
    const bad = `http://hooks.slack.com/services/${WEBHOOK_SECRET}`;
    expect(() => webhookSender(bad)).toThrow(SlackConfigError);
    try {
      webhookSender(bad);
    } catch (error) {
      seen.push((error as Error).message);
      expect((error as Error).message).toBe(
        "slack.webhook_url_env: the incoming webhook URL must use https (plain http only to this machine)",
      );
    }
  });
});

describe("chat.postMessage", () => {
  it("posts to chat.postMessage with the bearer token and the channel, and returns the message's ts", async () => {
    const { bot } = setup();
    sink.script({ status: 200, body: { ok: true, channel: "C0INCIDENTS", ts: "1795442742.000100" } });
    const receipt = await bot.send(message);
    expect(receipt).toEqual({ via: "bot", attempts: 1, channel: "C0INCIDENTS", ts: "1795442742.000100" });
    const [request] = sink.requests;
    expect(request?.path).toBe("/api/chat.postMessage");
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.json).toEqual({
      channel: "C0INCIDENTS",
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it("treats 200 { ok: false, channel_not_found } as a failure with a fix, and does not retry it", async () => {
    const { bot } = setup();
    sink.script({ status: 200, body: { ok: false, error: "channel_not_found" } });
    const error = await failure(bot.send(message));
    expect(sink.requests).toHaveLength(1);
    expect(error.code).toBe("channel_not_found");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(
      "chat.postMessage to C0INCIDENTS: Slack answered ok:false channel_not_found",
    );
    expect(error.hint).toContain("set slack.channel to the channel's ID");
  });

  it.each([
    ["not_in_channel", "/invite @your-app"],
    ["missing_scope", "chat:write"],
    ["invalid_auth", "copy the Bot User OAuth Token"],
    ["token_revoked", "reinstall the Slack app"],
  ])("explains %s without the token", async (code, fix) => {
    const { bot } = setup();
    sink.script({ status: 200, body: { ok: false, error: code } });
    const error = await failure(bot.send(message));
    expect(error.hint).toContain(fix);
    expect(error.message).not.toContain(TOKEN);
  });

  it("retries ratelimited after Retry-After, and a transient ok:false error", async () => {
    const { bot, clock } = setup();
    sink.script(
      { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": "3" } },
      { status: 200, body: { ok: false, error: "service_unavailable" } },
      { status: 200, body: { ok: true, channel: "C0INCIDENTS", ts: "1.2" } },
    );
    const receipt = await bot.send(message);
    expect(receipt.attempts).toBe(3);
    expect(clock.sleeps[0]).toBe(3000);
    expect(sink.requests).toHaveLength(3);
  });

  it("keeps a token Slack echoes back out of the error", async () => {
    const { bot } = setup();
    sink.script({ status: 401, body: { ok: false, error: `bad token ${TOKEN}` } });
    const error = await failure(bot.send(message));
    expect(error.code).toBe("http_401");
    expect(error.message).not.toContain("t0kenSecretPart");
  });

  it("refuses a token with spaces before sending, without echoing it", () => {
    expect(() => botSender({ token: "xoxb-abc t0kenSecretPart", channel: "C1" })).toThrow(
      "slack.bot_token_env: the bot token is empty or has characters a token cannot have",
    );
  });
});
