import { createHash } from "node:crypto";
import type { SlackMessage } from "./block-kit.js";
import { SlackConfigError, type SlackVia, TRANSIENT_SLACK_ERRORS } from "./slack-errors.js";
import { type SlackHttpOptions, sendToSlack, type Verdict } from "./slack-http.js";

export const SLACK_API_BASE_URL = "https://slack.com/api";

/** What Slack said when it took a message. */
export interface SlackReceipt {
  via: SlackVia;
  attempts: number;
  /** chat.postMessage only: the channel's ID and the message's timestamp (its ID in that channel). */
  channel?: string;
  ts?: string;
}

/** Posts messages to one Slack destination. */
export interface SlackSender {
  readonly via: SlackVia;
  /** Where messages go, safe to show and log: "incoming webhook", "chat.postMessage to C0123". */
  readonly target: string;
  /** Names the destination without revealing it (a digest): the same destination always gives the same value. */
  readonly destinationId: string;
  /** Resolves once Slack took the message; throws `SlackDeliveryError` with a plain fix otherwise. */
  send(message: SlackMessage, signal?: AbortSignal): Promise<SlackReceipt>;
}

/**
 * An incoming webhook: POST the message as JSON; Slack answers 200 `ok`, or a status with a plain-text error
 * (`invalid_payload`, `no_service`, `channel_is_archived`…), or 429 with Retry-After.
 */
export function webhookSender(webhookUrl: string, options: SlackHttpOptions = {}): SlackSender {
  const url = checkUrl(webhookUrl, "slack.webhook_url_env", "the incoming webhook URL");
  const target = "incoming webhook";
  return {
    via: "webhook",
    target,
    destinationId: digest("webhook", url),
    async send(message, signal) {
      const { attempts } = await sendToSlack(
        {
          via: "webhook",
          target,
          url,
          headers: {},
          body: { text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false },
          secrets: [url, webhookUrl],
          read: readWebhookAnswer,
        },
        options,
        signal,
      );
      return { via: "webhook", attempts };
    },
  };
}

export interface BotDestination {
  /** The Bot User OAuth Token (xoxb-…), with the chat:write scope. */
  token: string;
  /** A channel ID (C0123…) or name; the bot must be in it (or have chat:write.public for a public channel). */
  channel: string;
  /** Slack's Web API; default https://slack.com/api. */
  apiBaseUrl?: string;
}

/** `chat.postMessage` with a bot token: Slack answers 200 `{ ok: true, channel, ts }` or `{ ok: false, error }`. */
export function botSender(destination: BotDestination, options: SlackHttpOptions = {}): SlackSender {
  const { token } = destination;
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token)) {
    throw new SlackConfigError(
      "slack.bot_token_env",
      "the bot token is empty or has characters a token cannot have: copy the Bot User OAuth Token (xoxb-…) again",
    );
  }
  const channel = destination.channel.trim();
  if (channel === "")
    throw new SlackConfigError("slack.channel", "name the channel, e.g. C0123456789 or #incidents");
  const base = checkUrl(
    destination.apiBaseUrl ?? SLACK_API_BASE_URL,
    "apiBaseUrl",
    "Slack's API URL",
  ).replace(/\/+$/, "");
  const target = `chat.postMessage to ${channel}`;
  return {
    via: "bot",
    target,
    destinationId: digest("bot", `${base}\n${channel}`),
    async send(message, signal) {
      const { value, attempts } = await sendToSlack(
        {
          via: "bot",
          target,
          url: `${base}/chat.postMessage`,
          headers: { authorization: `Bearer ${token}` },
          body: {
            channel,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
          },
          secrets: [token],
          read: (status, text) => readPostMessageAnswer(status, text, target),
        },
        options,
        signal,
      );
      return { via: "bot", attempts, ...value };
    },
  };
}

function readWebhookAnswer(status: number, text: string): Verdict<undefined> {
  if (status >= 200 && status < 300) return { ok: true, value: undefined };
  const word = text.trim();
  const code = /^[a-z_]{2,64}$/.test(word) ? word : `http_${status}`;
  return {
    ok: false,
    code,
    retryable: status === 429 || status >= 500 || TRANSIENT_SLACK_ERRORS.has(code),
    problem: `Slack's incoming webhook answered ${status} ${code}`,
  };
}

function readPostMessageAnswer(
  status: number,
  text: string,
  target: string,
): Verdict<{ channel?: string; ts?: string }> {
  let body: { ok?: unknown; error?: unknown; channel?: unknown; ts?: unknown } | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object") body = parsed as typeof body;
  } catch {
    body = undefined;
  }
  const error = typeof body?.error === "string" && /^[a-z_]{2,64}$/.test(body.error) ? body.error : undefined;
  if (status === 429) {
    return {
      ok: false,
      code: error ?? "ratelimited",
      retryable: true,
      problem: `${target}: Slack answered 429`,
    };
  }
  if (status < 200 || status >= 300) {
    const code = error ?? `http_${status}`;
    return {
      ok: false,
      code,
      retryable: status >= 500,
      problem: `${target}: Slack answered ${status} ${code}`,
    };
  }
  if (body === undefined) {
    return {
      ok: false,
      code: "invalid_response",
      retryable: false,
      problem: `${target}: Slack's answer is not JSON`,
    };
  }
  if (body.ok !== true) {
    const code = error ?? "unknown_error";
    return {
      ok: false,
      code,
      retryable: TRANSIENT_SLACK_ERRORS.has(code),
      problem: `${target}: Slack answered ok:false ${code}`,
    };
  }
  return {
    ok: true,
    value: {
      ...(typeof body.channel === "string" ? { channel: body.channel } : {}),
      ...(typeof body.ts === "string" ? { ts: body.ts } : {}),
    },
  };
}

/** https, or plain http to this machine (a test sink); the value itself never appears in the error. */
function checkUrl(value: string, setting: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new SlackConfigError(setting, `${what} is not a URL (it should start with https://)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const loopback = host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new SlackConfigError(setting, `${what} must use https (plain http only to this machine)`);
  }
  if (url.username || url.password)
    throw new SlackConfigError(setting, `${what} must not carry a user or password`);
  return url.toString();
}

function digest(kind: string, value: string): string {
  return createHash("sha256").update(`${kind}\n${value}`).digest("hex").slice(0, 16);
}
