import { describe, expect, it } from "vitest";
import { RulesError } from "../src/alerts/rules/errors.js";
import { PatternError } from "../src/alerts/rules/pattern.js";
import { TemplateError } from "../src/alerts/rules/template.js";
import {
  ConfigError,
  IncidentIoApiError,
  IncidentIoTransportError,
  type IncidentKitError,
  InvalidResponseError,
  RateLimitWaitError,
} from "../src/api/index.js";
import { DirectoryError } from "../src/app/directory.js";
import { exitCodeFor, UsageError } from "../src/faces/cli/errors.js";
import { DeclareError } from "../src/faces/web/model.js";
import { HubConfigError } from "../src/hub/config.js";
import { AnalyticsInputError } from "../src/investigate/analytics/window.js";
import { SlackConfigError, SlackDeliveryError } from "../src/notify/slack-errors.js";
import { ExpressionError, ScorecardError } from "../src/scorecards/errors.js";
import * as family from "../src/shared/errors.js";
import { LocatedError } from "../src/shared/located-error.js";
import { DatabaseError } from "../src/store/errors.js";
import { DatabaseUrlError } from "../src/store/open.js";
import { WebhookRejected } from "../src/webhooks/verify.js";

/** One of every error class a user can meet, with the exit code the CLI gives it. */
const MEMBERS: Array<[IncidentKitError, number]> = [
  [
    new IncidentIoApiError({
      code: "not_found",
      message: "m",
      hint: "h",
      status: 404,
      method: "GET",
      url: "u",
    }),
    4,
  ],
  [new IncidentIoTransportError({ code: "timeout", message: "m", hint: "h", method: "GET", url: "u" }), 1],
  [new InvalidResponseError({ message: "m", path: "incidents[0]" }), 1],
  [new RateLimitWaitError(30_000, 20_000), 5],
  [new ConfigError("baseUrl", "m", "h"), 3],
  [new UsageError("m"), 2],
  [new LocatedError("f.yaml", 1, 2, "a", "p"), 3],
  [new HubConfigError("hub.yaml", 1, 2, "a", "p"), 3],
  [new RulesError("rules.yaml", 1, 2, "a", "p"), 3],
  [new ScorecardError("card.yaml", 1, 2, "a", "p"), 3],
  [new ExpressionError(4, "unknown name"), 3],
  [new TemplateError("unknown placeholder"), 3],
  [new PatternError("missing )"), 3],
  [new DirectoryError(["card.yaml:1:2: p"]), 3],
  [new AnalyticsInputError('--since takes a duration, got "90"'), 2],
  [new SlackConfigError("slack.channel", "name the channel"), 3],
  [
    new SlackDeliveryError({
      via: "webhook",
      code: "no_service",
      problem: "404",
      retryable: false,
      attempts: 1,
    }),
    1,
  ],
  [new DatabaseUrlError("mysql"), 3],
  [new DatabaseError("cannot reach", "check DATABASE_URL", { retryable: true }), 1],
  [new WebhookRejected("bad_signature", "no signature matches"), 3],
  [new DeclareError("incident.io refused the incident"), 2],
];

describe("one error family", () => {
  it.each(MEMBERS.map(([error, exit]) => [error.name, exit, error] as const))(
    "%s is an IncidentKitError with a code, a hint and a retryable flag; the CLI exits %i",
    (_name, exit, error) => {
      expect(error).toBeInstanceOf(family.IncidentKitError);
      expect(error.code).toMatch(/^[a-z0-9_]+$/);
      expect(error.hint.length).toBeGreaterThan(0);
      expect(typeof error.retryable).toBe("boolean");
      expect(exitCodeFor(error)).toBe(exit);
    },
  );

  it("is the class the client exports: instanceof holds across its entry point and shared/", async () => {
    const client = await import("../src/index.js");
    expect(client.IncidentKitError).toBe(family.IncidentKitError);
    expect(client.ConfigError).toBe(family.ConfigError);
    expect(
      new client.IncidentIoApiError({
        code: "c",
        message: "m",
        hint: "h",
        status: 500,
        method: "GET",
        url: "u",
      }),
    ).toBeInstanceOf(family.IncidentKitError);
  });

  it("says which errors retrying can help", () => {
    expect(new RateLimitWaitError(30_000, 20_000)).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
    expect(new DatabaseError("cannot reach", "check DATABASE_URL", { retryable: true }).retryable).toBe(true);
    expect(new LocatedError("f.yaml", 1, 2, "a", "p").retryable).toBe(false);
    const slow = new SlackDeliveryError({
      via: "bot",
      code: "ratelimited",
      problem: "429",
      retryable: true,
      attempts: 4,
      retryAfterMs: 2_000,
    });
    expect(slow).toMatchObject({ retryable: true, retryAfterMs: 2_000 });
  });
});
