import { isLoopbackHost } from "../shared/loopback.js";
import { ConfigError } from "./errors.js";

export const DEFAULT_BASE_URL = "https://api.incident.io";

/**
 * The base URL, normalised (no trailing slash). Only https, except plain http to this machine (the emulator),
 * because an API key sent over plain http to another host can be read on the way.
 * `setting` names where the value came from, so the error tells the user what to fix.
 */
export function checkBaseUrl(value: string | undefined, setting = "baseUrl"): string {
  if (value === undefined || value.trim() === "") return DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(
      setting,
      `${setting} is not a valid URL: ${JSON.stringify(value)}`,
      `set ${setting} to an https URL such as ${DEFAULT_BASE_URL}`,
    );
  }
  const plainLocal = url.protocol === "http:" && isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !plainLocal) {
    throw new ConfigError(
      setting,
      `${setting} must use https (plain http is allowed only for 127.0.0.1, ::1 or localhost): got ${url.protocol}//${url.host}`,
      `set ${setting} to an https URL such as ${DEFAULT_BASE_URL}`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(
      setting,
      `${setting} must be a plain base URL without credentials, query or fragment`,
      "pass the API key as the apiKey, not inside the URL",
    );
  }
  return url.toString().replace(/\/+$/, "");
}
