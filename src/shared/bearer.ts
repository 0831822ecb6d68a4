import type { Context, Env, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { HTTPException } from "hono/http-exception";

export const UNAUTHORIZED_HEADERS = { "WWW-Authenticate": 'Bearer realm="incidentkit"' };

export interface BearerCheck<E extends Env> {
  /** Whether the request's token is accepted: compare with `tokensEqual` or `oneOfTokens` (bearer-token.ts). */
  accepts: (token: string, c: Context<E>) => boolean | Promise<boolean>;
  /** The answer to a request without an accepted token: a 401 with `UNAUTHORIZED_HEADERS`. */
  refuse: (c: Context<E>) => Response;
}

/**
 * Hono's `bearerAuth` (`Authorization: Bearer <token>`, the scheme in any case), answering every request it
 * refuses — no header, one that is not a bearer token, a token not accepted — with `refuse`. Tokens are compared
 * by `accepts`, in constant time. A refusal is answered here rather than thrown, so no error handler downstream
 * (the hub's turns errors into 500s) can change it.
 */
export function requireBearer<E extends Env>(check: BearerCheck<E>): MiddlewareHandler<E> {
  const refuse = (c: Context) => check.refuse(c as Context<E>);
  const auth = bearerAuth<E>({
    verifyToken: check.accepts,
    noAuthenticationHeader: { message: refuse },
    invalidAuthenticationHeader: { message: refuse },
    invalidToken: { message: refuse },
  });
  return async (c, next) => {
    try {
      await auth(c, async () => {});
    } catch (error) {
      if (error instanceof HTTPException) return error.getResponse();
      throw error;
    }
    await next();
  };
}
