import { randomBytes } from "node:crypto";

/** A bearer token shaped like incident.io's: `inc_` + 64 hex characters. Always truly random, even in seeded orgs. */
export function newApiKeyToken(): string {
  return `inc_${randomBytes(32).toString("hex")}`;
}
