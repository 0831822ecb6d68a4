import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { errorResult, ToolError } from "./errors.js";

/** What a tool's work produces: a concise text for the model and structured data for programs. */
export interface ToolOutput {
  text: string;
  data: Record<string, unknown>;
}

/** Runs a tool's work, turning any failure into an `isError` result instead of a protocol error. */
export async function toolResult(work: () => Promise<ToolOutput>): Promise<CallToolResult> {
  try {
    const { text, data } = await work();
    return { content: [{ type: "text", text }], structuredContent: data };
  } catch (error) {
    return errorResult(error);
  }
}

/**
 * A tool's output schema. A failed call carries only `error`, and MCP clients check every `structuredContent`
 * against the schema, so the success fields are optional here and always present on success.
 */
export function outputSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).partial().extend({ error: ToolError.optional() });
}
