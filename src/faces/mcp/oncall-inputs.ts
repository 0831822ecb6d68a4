import { z } from "zod";

/** Input parameters of the on-call and paging tools. */

export const moment = (meaning: string) =>
  z
    .string()
    .min(1)
    .optional()
    .describe(
      `${meaning}: an ISO 8601 date-time ("2026-05-01T18:00:00Z") or a duration from now ("30m", "8h", "2d", "1w").`,
    );

export const scheduleName = z
  .string()
  .min(1)
  .describe(
    'An on-call schedule by name (any case, e.g. "Payments on-call") or ID; list_schedules shows them.',
  );

export const userName = z.string().min(1).describe('A user by full name ("Daniel Kim"), email or ID.');

export const serviceName = z
  .string()
  .min(1)
  .describe(
    'A service in the catalog by name, alias, external ID or ID, any case (e.g. "payments-api"): its owner team\'s on-call.',
  );

export const teamName = z
  .string()
  .min(1)
  .describe('A team in the catalog by name, alias, external ID or ID, any case (e.g. "Payments").');

export const pathName = z
  .string()
  .min(1)
  .describe(
    'An escalation path by name (any case, e.g. "Payments urgent") or ID; list_escalation_paths shows them.',
  );

export const escalationId = z
  .string()
  .min(1)
  .describe("The escalation's ID, as page or list_escalations return it.");
