/**
 * What a browser does with cookies and redirects, for tests that sign in over plain HTTP: cookies kept per host
 * (not port, as browsers do) and path, deleted when they expire, sent where their path matches; redirects
 * followed one hop at a time so a test can stop at one and tamper with it.
 */
interface Cookie {
  value: string;
  path: string;
  expires: number | undefined;
}

export class CookieJar {
  private readonly cookies = new Map<string, Cookie>();

  /** Keeps the cookies `response` (to a request for `url`) sets. */
  take(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const equals = pair.indexOf("=");
      const name = pair.slice(0, equals);
      let path = "/";
      let expires: number | undefined;
      for (const attribute of attributes) {
        const [key = "", value = ""] = attribute.split("=");
        if (key.toLowerCase() === "path") path = value;
        if (key.toLowerCase() === "max-age") expires = Date.now() + Number(value) * 1000;
        if (key.toLowerCase() === "expires" && expires === undefined) expires = Date.parse(value);
      }
      const key = `${url.hostname} ${path} ${name}`;
      if (expires !== undefined && expires <= Date.now()) this.cookies.delete(key);
      else this.cookies.set(key, { value: pair.slice(equals + 1), path, expires });
    }
  }

  /** The `Cookie` header a browser would send to `url`. */
  header(url: URL): string {
    const sent: string[] = [];
    for (const [key, cookie] of this.cookies) {
      const [host, , name] = key.split(" ");
      if (host !== url.hostname || (cookie.expires !== undefined && cookie.expires <= Date.now())) continue;
      const path = cookie.path.endsWith("/") ? cookie.path : `${cookie.path}/`;
      if (url.pathname === cookie.path || url.pathname.startsWith(path)) sent.push(`${name}=${cookie.value}`);
    }
    return sent.join("; ");
  }

  /** The value of the cookie `name` for `url`'s host, if kept. */
  value(url: URL, name: string): string | undefined {
    for (const [key, cookie] of this.cookies) {
      const [host, , cookieName] = key.split(" ");
      if (host === url.hostname && cookieName === name) return cookie.value;
    }
    return undefined;
  }

  /** A copy, to replay a moment later what the browser held. */
  copy(): CookieJar {
    const copy = new CookieJar();
    for (const [key, cookie] of this.cookies) copy.cookies.set(key, { ...cookie });
    return copy;
  }
}

/** One request, as a browser sends it: no redirect followed, cookies sent and kept. */
export async function visit(jar: CookieJar, url: string | URL, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  const cookie = jar.header(target);
  const response = await fetch(target, {
    ...init,
    redirect: "manual",
    headers: { ...(init.headers as Record<string, string> | undefined), ...(cookie ? { cookie } : {}) },
  });
  jar.take(target, response);
  return response;
}

/**
 * Follows redirects from `url` as a browser would, up to `stopAt`: resolves with the last response and its URL,
 * or, when the next hop matches `stopAt`, with that URL unvisited.
 */
export async function follow(
  jar: CookieJar,
  url: string | URL,
  stopAt: (next: URL) => boolean = () => false,
): Promise<{ response: Response | undefined; url: URL }> {
  let current = new URL(url);
  for (let hops = 0; hops < 20; hops += 1) {
    const response = await visit(jar, current);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || location === null)
      return { response, url: current };
    await response.body?.cancel();
    current = new URL(location, current);
    if (stopAt(current)) return { response: undefined, url: current };
  }
  throw new Error(`more than 20 redirects from ${url}`);
}
