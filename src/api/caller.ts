import type { z } from "zod";
import { parseResponse } from "./parse.js";
import type { RequestOptions, Transport } from "./transport.js";

/** What the resource groups share: a request whose answer is parsed with our schema. */
export class Caller {
  constructor(readonly transport: Transport) {}

  async json<T extends z.ZodType>(
    schema: T,
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<z.infer<T>> {
    const response = await this.transport.request(method, path, options);
    return parseResponse(schema, response.body, {
      method,
      path,
      ...(response.requestId ? { requestId: response.requestId } : {}),
    });
  }

  /** For answers without a body we rely on (202/204 deletes). */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<void> {
    await this.transport.request(method, path, options);
  }
}

/** An ID as a path segment: IDs are opaque, so never trust them to be URL-safe. */
export function segment(id: string | number): string {
  return encodeURIComponent(String(id));
}
