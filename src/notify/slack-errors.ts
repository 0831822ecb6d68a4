import { ConfigError, IncidentKitError } from "../shared/errors.js";

/** How a findings message is sent: an incoming webhook or `chat.postMessage` with a bot token. */
export type SlackVia = "webhook" | "bot";

/**
 * A message Slack did not take. `code` is Slack's own error string (`no_service`, `channel_not_found`…) or ours
 * (`network`, `timeout`, `http_502`); `hint` is the plain fix, which the message ends with too (an investigation
 * records the message alone). The message never carries the webhook URL or the token. `retryable` when sending
 * again later can help (rate limits, Slack or the network failing), not a setting to fix.
 */
export class SlackDeliveryError extends IncidentKitError {
  readonly via: SlackVia;
  readonly status: number | undefined;
  /** Attempts made, the last included. */
  readonly attempts: number;

  constructor(init: {
    via: SlackVia;
    code: string;
    status?: number;
    problem: string;
    retryable: boolean;
    attempts: number;
    /** When Slack said when to come back (Retry-After), in milliseconds. */
    retryAfterMs?: number;
  }) {
    const hint = fixFor(init.via, init.code, init.retryable);
    super({
      code: init.code,
      message: `${init.problem}: ${hint}`,
      hint,
      retryable: init.retryable,
      ...(init.retryAfterMs !== undefined ? { retryAfterMs: init.retryAfterMs } : {}),
    });
    this.name = "SlackDeliveryError";
    this.via = init.via;
    this.status = init.status;
    this.attempts = init.attempts;
  }
}

const NEW_WEBHOOK =
  "create a new incoming webhook in Slack's app settings (your app › Incoming Webhooks) and put its URL in the variable slack.webhook_url_env names";
const REINSTALL =
  "reinstall the Slack app to the workspace (your app › OAuth & Permissions) and put the new Bot User OAuth Token (xoxb-…) in the variable slack.bot_token_env names";
const BUG =
  "Slack could not read the message incidentkit made: please report it, with the incident's reference";

/** What to do about each error Slack documents for incoming webhooks (plain-text bodies). */
const WEBHOOK_FIXES: Readonly<Record<string, string>> = {
  no_service: `the webhook URL was revoked or its app removed: ${NEW_WEBHOOK}`,
  invalid_token: `the webhook URL was revoked: ${NEW_WEBHOOK}`,
  no_team: `the Slack workspace of this webhook is gone: ${NEW_WEBHOOK}`,
  team_disabled: `the Slack workspace of this webhook is disabled: ${NEW_WEBHOOK}`,
  channel_not_found: `the webhook's channel no longer exists: ${NEW_WEBHOOK} for an existing channel`,
  channel_is_archived: `the webhook's channel is archived: unarchive it, or ${NEW_WEBHOOK} for another channel`,
  action_prohibited:
    "a workspace admin restricts what this webhook may post: ask them to allow it, or use another channel",
  posting_to_general_channel_denied:
    "only admins may post in this channel: create the webhook for another channel, or ask an admin to allow it",
  user_not_found: `the webhook's user no longer exists: ${NEW_WEBHOOK}`,
  invalid_payload: BUG,
  too_many_attachments: BUG,
};

/** What to do about each `chat.postMessage` error (`{ ok: false, error }`). */
const BOT_FIXES: Readonly<Record<string, string>> = {
  not_authed:
    "no bot token reached Slack: set the variable slack.bot_token_env names to the Bot User OAuth Token (xoxb-…)",
  invalid_auth:
    "Slack does not accept the bot token: copy the Bot User OAuth Token (xoxb-…) from your app › OAuth & Permissions again",
  token_revoked: `the bot token was revoked: ${REINSTALL}`,
  token_expired: `the bot token expired: ${REINSTALL}, or turn off token rotation`,
  account_inactive: `the bot's app was uninstalled or its workspace deleted: ${REINSTALL}`,
  missing_scope:
    "the bot token lacks the chat:write scope: add it in your app › OAuth & Permissions › Bot Token Scopes, then reinstall the app",
  not_allowed_token_type:
    "that token is not a bot token: use the Bot User OAuth Token, which starts with xoxb-",
  channel_not_found:
    "Slack knows no channel by that name or ID for this bot: set slack.channel to the channel's ID (C…, in the channel's details), and invite the bot if it is private",
  not_in_channel:
    "the bot is not in the channel: type /invite @your-app in it (or give the app the chat:write.public scope for public channels)",
  is_archived: "the channel is archived: unarchive it or set slack.channel to another channel",
  restricted_action:
    "a workspace setting stops the bot posting in this channel: ask an admin, or use another channel",
  ekm_access_denied: "workspace admins have suspended posting: ask them",
  team_access_not_granted: "the token has no access to this workspace: reinstall the app to it",
  msg_too_long: BUG,
  invalid_blocks: BUG,
  invalid_blocks_format: BUG,
  invalid_arguments: BUG,
  no_text: BUG,
  too_many_attachments: BUG,
};

/** Errors that are about Slack or the moment, not the settings: sending again later can work. */
export const TRANSIENT_SLACK_ERRORS = new Set([
  "ratelimited",
  "rate_limited",
  "internal_error",
  "service_unavailable",
  "request_timeout",
  "fatal_error",
  "rollup_error",
]);

export function fixFor(via: SlackVia, code: string, retryable: boolean): string {
  const known = (via === "webhook" ? WEBHOOK_FIXES : BOT_FIXES)[code];
  if (known) return known;
  if (code === "network")
    return "check that this machine can reach Slack over HTTPS (proxy, firewall, DNS), then retry";
  if (code === "timeout") return "Slack did not answer in time; it will be tried again later";
  if (code === "ratelimited" || code === "rate_limited" || code === "http_429") {
    return "Slack is rate-limiting this app (about one message a second per channel); it will be tried again later";
  }
  if (retryable)
    return "Slack failed on its side; it will be tried again later (see https://slack-status.com)";
  return via === "webhook"
    ? `check the webhook in Slack's app settings; if it was deleted, ${NEW_WEBHOOK}`
    : "look the error up at https://docs.slack.dev/reference/methods/chat.postMessage and fix the app's settings";
}

/**
 * A Slack setting that cannot work, found before anything is sent; `setting` names it, the value is never shown.
 * The problem says what the value should be; the hint, where it is set.
 */
export class SlackConfigError extends ConfigError {
  constructor(
    setting: string,
    readonly problem: string,
  ) {
    super(
      setting,
      `${setting}: ${problem}`,
      `correct ${setting} in the hub config's slack: section, or the variable it names, then try again`,
    );
    this.name = "SlackConfigError";
  }
}
