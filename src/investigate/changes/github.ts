import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { normaliseTime } from "../../alerts/intake/fields.js";
import { errorWording, type FieldError, issuesToErrors } from "../../alerts/intake/result.js";
import { withoutUndefined } from "../../shared/defined.js";
import { isHttpUrl } from "../../shared/http-url.js";
import { ProductionEnvironments } from "./environments.js";
import type { ChangeInput } from "./input.js";

/** The header GitHub signs each delivery with: `sha256=` and the hex HMAC-SHA256 of the raw body. */
export const GITHUB_SIGNATURE_HEADER = "x-hub-signature-256";
export const GITHUB_EVENT_HEADER = "x-github-event";

/**
 * Whether the raw body was signed with the webhook's secret. The comparison takes the same time wherever the
 * signatures differ; a signature of the wrong shape is refused without comparing.
 */
export function githubSignatureValid(rawBody: string, header: string | undefined, secret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? "");
  if (!match?.[1]) return false;
  const expected = createHmac("sha256", secret).update(rawBody, "utf8").digest();
  return timingSafeEqual(Buffer.from(match[1], "hex"), expected);
}

/** `sha256=<hex>`: how GitHub signs a body; for tests and for senders that imitate GitHub. */
export function githubSignature(rawBody: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

const login = z.object({ login: z.string().min(1) }).nullish();
const optionalUrl = z
  .string()
  .nullish()
  .transform((value) => (value && isHttpUrl(value) ? value : undefined));

/** The parts of a `deployment_status` delivery a change is made of; everything else GitHub sends is ignored. */
const DeploymentStatusEvent = z.object({
  deployment_status: z.object({
    state: z.string().min(1),
    environment: z.string().nullish(),
    target_url: optionalUrl,
    log_url: optionalUrl,
    environment_url: optionalUrl,
    created_at: z.string().min(1),
    creator: login,
  }),
  deployment: z.object({
    id: z.union([z.number().int(), z.string().min(1)]),
    sha: z.string().min(1),
    ref: z.string().nullish(),
    environment: z.string().nullish(),
    description: z.string().nullish(),
    payload: z.unknown().optional(),
    creator: login,
    transient_environment: z.boolean().nullish(),
    production_environment: z.boolean().nullish(),
  }),
  repository: z.object({ name: z.string().min(1), full_name: z.string().min(1), html_url: optionalUrl }),
  sender: login,
});

export type GithubDelivery =
  | { kind: "change"; input: ChangeInput }
  | { kind: "ignored"; reason: string }
  | { kind: "invalid"; errors: FieldError[] };

/**
 * A GitHub webhook delivery as a change. Only `deployment_status` events whose state is `success` are changes
 * (a deploy that failed or is still running changed nothing yet); other events and states are ignored, with the
 * reason. The change:
 *
 * - service: `deployment.payload.service` when the deployment names one (a monorepo deploying one of its
 *   services); repository: the repository's `owner/name`, which ties it to the Component whose
 *   `github.com/project-slug` it is (else to one named as the repository). The environment (`production`,
 *   `staging`) is where it went, not what went, so it is recorded beside the service and named in the description.
 * - production: whether the environment is one of `environments`, honouring the deployment's
 *   `transient_environment` (a preview: never production) and `production_environment` flags.
 * - description: `Deployed <sha, 7 characters> (<ref>) to <environment>`, then the deployment's description.
 * - link: the status's `target_url` (the deploy's run or log), else `log_url`, else `environment_url`, else the
 *   commit on GitHub. Author: who created the deployment, else who set the status, else the sender.
 * - happened_at: when the success status was created. external_id: `github-deployment:<id>:success`, so a
 *   redelivery records nothing new.
 */
export function changeFromGithub(
  event: string | undefined,
  body: unknown,
  environments = new ProductionEnvironments(),
): GithubDelivery {
  if (event !== "deployment_status") {
    return {
      kind: "ignored",
      reason: `${event ? `"${event}" events are` : "a delivery without an X-GitHub-Event header is"} not changes: only deployment_status events are recorded`,
    };
  }
  const parsed = DeploymentStatusEvent.safeParse(body, { error: errorWording });
  if (!parsed.success) return { kind: "invalid", errors: issuesToErrors(parsed.error.issues) };
  const { deployment_status: status, deployment, repository, sender } = parsed.data;
  const state = status.state.toLowerCase();
  if (state !== "success") {
    return {
      kind: "ignored",
      reason: `the deployment's state is ${state}: only successful deployments are changes`,
    };
  }
  const happenedAt = normaliseTime(status.created_at);
  if (happenedAt === undefined) {
    return {
      kind: "invalid",
      errors: [{ field: "deployment_status.created_at", message: "expected an ISO 8601 date-time" }],
    };
  }
  const named = (status.environment || deployment.environment)?.trim() || undefined;
  const environment = named ?? "an unnamed environment";
  const production =
    named === undefined
      ? undefined
      : environments.isProduction(named, {
          transient: deployment.transient_environment,
          production: deployment.production_environment,
        });
  const ref = deployment.ref ? ` (${deployment.ref})` : "";
  const extra = deployment.description?.trim() ? `: ${deployment.description.trim()}` : "";
  const commit = repository.html_url ? `${repository.html_url}/commit/${deployment.sha}` : undefined;
  const link = status.target_url ?? status.log_url ?? status.environment_url ?? commit;
  const author = deployment.creator?.login ?? status.creator?.login ?? sender?.login;
  const service = payloadService(deployment.payload);
  return {
    kind: "change",
    input: withoutUndefined({
      service,
      repository: repository.full_name,
      kind: "deploy" as const,
      description: `Deployed ${deployment.sha.slice(0, 7)}${ref} to ${environment}${extra}`.slice(0, 2000),
      link,
      author,
      happenedAt,
      externalId: `github-deployment:${deployment.id}:${state}`,
      environment: named?.slice(0, 100),
      production,
    }),
  };
}

/** `deployment.payload.service`; GitHub keeps the payload as the deployer gave it, an object or JSON text. */
function payloadService(payload: unknown): string | undefined {
  let value = payload;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== "object" || value === null) return undefined;
  const service = (value as Record<string, unknown>).service;
  return typeof service === "string" && service.trim() !== "" ? service.trim().slice(0, 200) : undefined;
}
