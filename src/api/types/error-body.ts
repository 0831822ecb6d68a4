import { z } from "zod";
import { openEnum } from "./open-enum.js";

/** incident.io's error body (`ErrorResponse` in the live schema): `{type, status, request_id, errors[], rate_limit?}`. */
export const ErrorSingle = z.looseObject({
  code: z.string(),
  message: z.string(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  source: z.looseObject({ field: z.string().optional(), pointer: z.string().optional() }).optional(),
});

export const ErrorRateLimit = z.looseObject({
  name: z.string().optional(),
  limit: z.number().optional(),
  remaining: z.number().optional(),
  retry_after: z.string().optional(),
});

export const ErrorResponse = z.looseObject({
  type: openEnum([
    "invalid_request_error",
    "authentication_error",
    "resource_forbidden",
    "not_found",
    "not_acceptable",
    "method_not_allowed",
    "request_timeout",
    "conflict",
    "precondition_failed",
    "payload_too_large",
    "validation_error",
    "too_many_requests",
    "api_error",
    "rate_limit_reached",
    "client_timeout",
  ]).optional(),
  status: z.number().optional(),
  request_id: z.string().optional(),
  errors: z.array(ErrorSingle).optional(),
  rate_limit: ErrorRateLimit.optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
