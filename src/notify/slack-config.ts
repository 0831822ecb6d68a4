import { z } from "zod";
import { SlackConfigError } from "./slack-errors.js";
import type { SlackHttpOptions } from "./slack-http.js";
import { botSender, type SlackSender, webhookSender } from "./slack-sender.js";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envName = (example: string) =>
  z.string().regex(ENV_NAME, { error: `must be an environment variable name, e.g. ${example}` });

/**
 * The hub config's `slack:` section. Secrets are named by the variable that holds them, never written in the file:
 *
 * ```yaml
 * slack:
 *   webhook_url_env: SLACK_WEBHOOK_URL     # an incoming webhook (the channel is chosen when it is created)
 *   min_severity: Major                    # optional: only incidents at least this severe
 * # or
 * slack:
 *   bot_token_env: SLACK_BOT_TOKEN         # a bot token (xoxb-…) with the chat:write scope
 *   channel: C0123456789                   # the channel's ID (or #name); the bot must be in it
 * ```
 */
export const SlackConfigSchema = z
  .strictObject({
    webhook_url_env: envName("SLACK_WEBHOOK_URL").optional(),
    bot_token_env: envName("SLACK_BOT_TOKEN").optional(),
    channel: z
      .string()
      .trim()
      .min(1, { error: "name the channel, e.g. C0123456789 or #incidents" })
      .optional(),
    min_severity: z.string().trim().min(1, { error: "name a severity, e.g. Major" }).optional(),
  })
  .superRefine((section, ctx) => {
    const webhook = section.webhook_url_env !== undefined;
    const bot = section.bot_token_env !== undefined;
    if (webhook && bot) {
      ctx.addIssue({
        code: "custom",
        path: ["bot_token_env"],
        message: "give webhook_url_env or bot_token_env, not both",
      });
    } else if (!webhook && !bot) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message:
          "give webhook_url_env (an incoming webhook) or bot_token_env with channel (a bot token with chat:write)",
      });
    } else if (bot && section.channel === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["bot_token_env"],
        message: "a bot token needs a channel: add channel (its ID, e.g. C0123456789)",
      });
    } else if (webhook && section.channel !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["channel"],
        message: "an incoming webhook always posts to the channel it was created for: remove channel",
      });
    }
  });

export type SlackConfigInput = z.input<typeof SlackConfigSchema>;

/** The section with its secrets read from the environment. Neither secret is ever printed. */
export type SlackConfig = (
  | { via: "webhook"; webhookUrlEnv: string; webhookUrl: string }
  | { via: "bot"; botTokenEnv: string; botToken: string; channel: string }
) & {
  /** Only incidents of this severity or a more severe one are posted. */
  minSeverity?: string;
};

/**
 * The checked section with its secrets read from `env`. Throws `SlackConfigError` naming the setting (e.g.
 * `slack.webhook_url_env`) when a variable is unset or its value cannot work; the value is never in the message.
 */
export function slackConfigFrom(
  section: z.output<typeof SlackConfigSchema>,
  env: Readonly<Record<string, string | undefined>>,
): SlackConfig {
  const min = section.min_severity !== undefined ? { minSeverity: section.min_severity } : {};
  if (section.webhook_url_env !== undefined) {
    const name = section.webhook_url_env;
    const webhookUrl = env[name]?.trim();
    if (!webhookUrl) {
      throw new SlackConfigError(
        "slack.webhook_url_env",
        `${name} is not set: set it to the incoming webhook's URL (https://hooks.slack.com/services/…)`,
      );
    }
    checkValue(name, "slack.webhook_url_env", () => webhookSender(webhookUrl));
    return { via: "webhook", webhookUrlEnv: name, webhookUrl, ...min };
  }
  const name = section.bot_token_env as string;
  const botToken = env[name]?.trim();
  if (!botToken) {
    throw new SlackConfigError(
      "slack.bot_token_env",
      `${name} is not set: set it to the app's Bot User OAuth Token (xoxb-…), which needs the chat:write scope`,
    );
  }
  const channel = section.channel as string;
  checkValue(name, "slack.bot_token_env", () => botSender({ token: botToken, channel }));
  return { via: "bot", botTokenEnv: name, botToken, channel, ...min };
}

/** Makes the sender once, so a value that cannot work is found at start-up; the error names the variable. */
function checkValue(variable: string, setting: string, make: () => unknown): void {
  try {
    make();
  } catch (error) {
    if (error instanceof SlackConfigError && error.setting === setting) {
      throw new SlackConfigError(setting, `${variable}: ${error.problem}`);
    }
    throw error;
  }
}

/** Checks a `slack:` section (already read from YAML) and reads its secrets; zod's error carries the path. */
export function parseSlackConfig(
  section: unknown,
  env: Readonly<Record<string, string | undefined>>,
): SlackConfig {
  return slackConfigFrom(SlackConfigSchema.parse(section), env);
}

/** The sender the config describes. `apiBaseUrl` points `chat.postMessage` elsewhere (tests). */
export function slackSenderFor(
  config: SlackConfig,
  options: SlackHttpOptions & { apiBaseUrl?: string } = {},
): SlackSender {
  const { apiBaseUrl, ...http } = options;
  if (config.via === "webhook") return webhookSender(config.webhookUrl, http);
  return botSender(
    { token: config.botToken, channel: config.channel, ...(apiBaseUrl !== undefined ? { apiBaseUrl } : {}) },
    http,
  );
}

/**
 * Whether an incident is severe enough to post, by rank among the organisation's severities (any case). An
 * incident without a severity is not posted when a minimum is set. When the minimum names no known severity,
 * the incident is posted, with a warning to fix the setting: a missed post at 3 a.m. is worse than an extra one.
 */
export function meetsMinSeverity(
  minSeverity: string | undefined,
  severity: { name: string; rank: number } | null,
  known: readonly { name: string; rank: number }[],
): { post: boolean; warning?: string } {
  if (minSeverity === undefined) return { post: true };
  const wanted = minSeverity.trim().toLowerCase();
  const min = known.find((s) => s.name.trim().toLowerCase() === wanted);
  if (!min) {
    const names = known.map((s) => s.name).join(", ");
    return {
      post: true,
      warning: `slack.min_severity "${minSeverity}" is not a severity of this organisation (${names || "none known"}); posting anyway`,
    };
  }
  if (severity === null) return { post: false };
  return { post: severity.rank >= min.rank };
}
