import type { MiddlewareHandler } from "hono";
import { isLoopbackHost } from "../../shared/loopback.js";

/**
 * Answers only requests addressed to the hub by a name it is known by: its public URL's host (`public_url`), or
 * this machine (localhost, 127.0.0.1, [::1]). A page on another site whose name an attacker pointed at the hub's
 * address (DNS rebinding) arrives with that name in `Host` and is refused, so it can neither read the UI nor post
 * its forms through the browser of someone who can reach the hub.
 */
export function hostCheck(publicUrl: string | undefined): MiddlewareHandler {
  const publicHost = publicUrl === undefined ? undefined : new URL(publicUrl).host.toLowerCase();
  return async (c, next) => {
    // The header a browser sends; a request made in process (tests, embedders) has its URL's host only.
    const host = (c.req.header("host") ?? new URL(c.req.url).host).toLowerCase();
    if (host !== "" && (host === publicHost || isLoopbackHost(hostnameOf(host)))) return next();
    return c.text(
      publicHost === undefined
        ? "This hub answers its web UI at localhost only. To reach it by another name, set public_url in its hub config."
        : `This hub answers its web UI at ${publicHost} and localhost only.`,
      403,
    );
  };
}

/** `Host` without its port: `[::1]:8780` → `[::1]`, `hub.example.com:443` → `hub.example.com`. */
function hostnameOf(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.lastIndexOf(":");
  return colon < 0 ? host : host.slice(0, colon);
}
