import { ApiError } from "./errors.js";
import type { ApiKeyRecord } from "./model.js";
import type { EmulatorState } from "./state.js";

/**
 * Finds the API key a request authenticates as, from `Authorization: Bearer <token>`.
 * Error messages never repeat the token.
 */
export function authenticate(state: EmulatorState, header: string | undefined): ApiKeyRecord {
  if (!header || header.trim() === "") {
    throw new ApiError(401, "authentication_error", [
      { code: "missing_authorization_material", message: "No authorization material provided in request" },
    ]);
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new ApiError(401, "authentication_error", [
      {
        code: "authentication_failed",
        message: 'The Authorization header must be "Bearer <API key>".',
      },
    ]);
  }
  const key = state.apiKeyByToken(match[1]);
  if (!key) {
    throw new ApiError(401, "authentication_error", [
      {
        code: "authentication_failed",
        message:
          "The API key provided is not valid: it may have been deleted or belong to another organisation.",
      },
    ]);
  }
  return key;
}
