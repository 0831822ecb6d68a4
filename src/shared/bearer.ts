import type { Context, Env, MiddlewareHandler } from "hono";
import { bearerToken } from "./bearer-token.js";

export const UNAUTHORIZED_HEADERS = { "WWW-Authenticate": 'Bearer realm="incidentkit"' };

export interface BearerCheck<E extends Env> {
  /** Whether the request's token is accepted: compare with `tokensEqual` or `oneOfTokens` (bearer-token.ts). */
  accepts: (token: string, c: Context<E>) => boolean | Promise<boolean>;
  /** The answer to a request without an accepted token: a 401 with `UNAUTHORIZED_HEADERS`. */
  refuse: (c: Context<E>) => Response;
}

/**
 * Lets in only requests whose `Authorization: Bearer <token>` (`bearerToken`) `accepts` takes, comparing in
 * constant time; every other request (no header, one that is not a bearer token, a token not accepted) is
 * answered with `refuse`. A refusal is answered, not thrown, so no error handler downstream (the hub's turns
 * errors into 500s) can change it.
 */
export function requireBearer<E extends Env>(check: BearerCheck<E>): MiddlewareHandler<E> {
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (token === undefined || !(await check.accepts(token, c))) return check.refuse(c);
    await next();
  };
}
