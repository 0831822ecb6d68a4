import { IncidentKitError } from "../errors.js";

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
