import { Agent, request } from "node:http";

/** What a current Chrome or Firefox sends with every page request. */
const BROWSER_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br, zstd",
};

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A browser, as far as asking for pages goes: it says which encodings it reads (and the hub may then send the page
 * compressed), and it keeps each page it may keep (any but `Cache-Control: no-store`) with its ETag, asking again
 * with `If-None-Match` so that a page it holds comes back as 304 without a body. The body is read and dropped, not
 * decompressed: that work is the browser's, on its own machine, not the hub's.
 */
export class Browser {
  /** ETags of the pages kept, by URL. */
  private readonly kept = new Map<string, string>();
  /** Answers by status. */
  readonly statuses = new Map<number, number>();

  constructor(private readonly headers: Record<string, string> = {}) {}

  /** GETs `url` as a browser would; resolves to the status (200, or 304 for a page it holds). */
  get(url: string): Promise<number> {
    const etag = this.kept.get(url);
    const headers = { ...BROWSER_HEADERS, ...this.headers, ...(etag ? { "if-none-match": etag } : {}) };
    return new Promise((resolve, reject) => {
      const req = request(url, { headers, agent }, (res) => {
        const status = res.statusCode ?? 0;
        res.on("data", () => {});
        res.on("end", () => {
          this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
          const tag = res.headers.etag;
          const storable = !/\bno-store\b/i.test(res.headers["cache-control"] ?? "");
          if (status === 200 && tag && storable) this.kept.set(url, tag);
          if (status === 200 && !(tag && storable)) this.kept.delete(url);
          resolve(status);
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  }
}

/** How many answers with `status` the browsers had. */
export function answered(browsers: readonly Browser[], status: number): number {
  return browsers.reduce((sum, browser) => sum + (browser.statuses.get(status) ?? 0), 0);
}
