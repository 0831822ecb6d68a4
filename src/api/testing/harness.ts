import { afterAll } from "vitest";
import { IncidentIo, type IncidentIoOptions } from "../client.js";
import { IncidentKitError } from "../errors.js";
import { ScriptedServer } from "./scripted-server.js";

/** Every item of an async iterable (a paginated list), in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The IncidentKitError a call fails with; throws when it succeeds or fails otherwise. */
export async function failure(promise: Promise<unknown>): Promise<IncidentKitError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IncidentKitError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/**
 * A scripted server and an unpaced client pointed at it, for one test file (top-level await); the server closes
 * after the file's tests.
 */
export async function scriptedClient(
  options: Partial<IncidentIoOptions> = {},
): Promise<{ server: ScriptedServer; client: IncidentIo }> {
  const server = await new ScriptedServer().start();
  afterAll(() => server.close());
  const client = new IncidentIo({
    apiKey: `inc_${"4b".repeat(32)}`,
    baseUrl: server.url,
    rateLimit: false,
    maxRetries: 0,
    ...options,
  });
  return { server, client };
}
