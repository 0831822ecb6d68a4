/**
 * Conformance checks against incident.io's official API description, read from outside the repository
 * (`<repo root>/../shared/incident-io-openapi.json`). When the file is absent every check passes and tests
 * that depend on the description skip, printing `descriptionMissingReason`.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Ajv, ValidateFunction } from "ajv";
import {
  errorResponseFor,
  errorTypesByStatus,
  GATEWAY_STATUSES,
  NOT_IMPLEMENTED,
  overlayPaths,
  overlayProperties,
  overlaySchemas,
} from "./openapi-overlay.js";
import { matchPath, type PathTemplate, parseTemplate } from "./openapi-paths.js";
import { checkQuery, type QueryParameter } from "./openapi-query.js";
import { createAjv, describeErrors, toJsonSchema } from "./openapi-schema.js";

export type ValidationResult = { ok: true } | { ok: false; errors: string[] };

interface MediaType {
  schema?: unknown;
  example?: unknown;
}

export interface OperationObject {
  operationId?: string;
  parameters?: QueryParameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>;
}

export interface OpenApiDescription {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

export interface OperationMatch {
  method: string;
  template: string;
  operation: OperationObject;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const descriptionPath = path.resolve(repoRoot, "../shared/incident-io-openapi.json");

/** Why description-based checks are skipped, or undefined when the description is there. */
export const descriptionMissingReason: string | undefined = existsSync(descriptionPath)
  ? undefined
  : `incident.io's API description is not at ${path.relative(repoRoot, descriptionPath)} ` +
    "(a sibling of the repository); conformance checks are skipped";

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);
const OK: ValidationResult = { ok: true };
const fail = (errors: string[]): ValidationResult => (errors.length === 0 ? OK : { ok: false, errors });
const isEmptyBody = (body: unknown): boolean => body === undefined || body === null || body === "";

let cachedDescription: OpenApiDescription | undefined;

/** The parsed description (with our overlay of live-API additions applied), read once. */
export function loadDescription(): OpenApiDescription | undefined {
  if (descriptionMissingReason) return undefined;
  if (!cachedDescription) {
    cachedDescription = withOverlay(JSON.parse(readFileSync(descriptionPath, "utf8")) as OpenApiDescription);
  }
  return cachedDescription;
}

function withOverlay(description: OpenApiDescription): OpenApiDescription {
  const schemas = { ...description.components.schemas, ...overlaySchemas };
  for (const [name, extra] of Object.entries(overlayProperties)) {
    const base = schemas[name] ?? {};
    const required = Array.isArray(base.required) ? (base.required as string[]) : [];
    const properties = (base.properties ?? {}) as Record<string, unknown>;
    schemas[name] = {
      ...base,
      properties: { ...properties, ...extra.properties },
      required: [...new Set([...required, ...extra.required])],
    };
  }
  const paths = { ...description.paths };
  for (const [template, operations] of Object.entries(overlayPaths)) {
    paths[template] = { ...paths[template], ...(operations as Record<string, OperationObject>) };
  }
  return { ...description, paths, components: { ...description.components, schemas } };
}

class DescriptionValidator {
  private readonly ajv: Ajv;
  private readonly templates = new Map<string, PathTemplate[]>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly description: OpenApiDescription) {
    this.ajv = createAjv(description.components.schemas);
    for (const [template, operations] of Object.entries(description.paths)) {
      for (const method of Object.keys(operations)) {
        if (!HTTP_METHODS.has(method)) continue;
        const list = this.templates.get(method) ?? [];
        list.push(parseTemplate(template));
        this.templates.set(method, list);
      }
    }
  }

  match(method: string, concretePath: string): OperationMatch | undefined {
    const lower = method.toLowerCase();
    const found = matchPath(this.templates.get(lower) ?? [], concretePath);
    const operation = found && this.description.paths[found.template]?.[lower];
    return found && operation ? { method: lower, template: found.template, operation } : undefined;
  }

  /** Ajv compiles on first use per (operation, status): compiling all 900 schemas up front takes seconds. */
  private validator(key: string, schema: () => unknown): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(toJsonSchema(schema()) as object);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  private check(key: string, schema: () => unknown, body: unknown): string[] {
    const fn = this.validator(key, schema);
    return fn(body) ? [] : describeErrors(fn.errors);
  }

  validateResponse(method: string, concretePath: string, status: number, body: unknown): ValidationResult {
    const found = this.match(method, concretePath);
    if (GATEWAY_STATUSES.has(status)) return OK;
    if (status >= 400) {
      if (status !== NOT_IMPLEMENTED && !(status in errorTypesByStatus)) {
        return fail([
          `${method.toUpperCase()} ${stripQuery(concretePath)} returned ${status}, not an error status the API documents`,
        ]);
      }
      const problems = this.check(`error ${status}`, () => errorResponseFor(status), body);
      return fail(problems.map((e) => `${status} error body: ${e}`));
    }
    if (!found) {
      return fail([
        `${method.toUpperCase()} ${stripQuery(concretePath)} is not an operation in the description`,
      ]);
    }
    const where = `${found.method.toUpperCase()} ${found.template}`;
    const response = found.operation.responses?.[String(status)];
    if (!response) {
      const documented = Object.keys(found.operation.responses ?? {}).join(", ");
      return fail([`${where} returned ${status}; the description documents ${documented}`]);
    }
    const schema = response.content?.["application/json"]?.schema;
    if (!schema) {
      return isEmptyBody(body) ? OK : fail([`${where} ${status} documents no body, but one was returned`]);
    }
    if (isEmptyBody(body)) return fail([`${where} ${status} must return a JSON body`]);
    return fail(this.check(`${where} ${status}`, () => schema, body));
  }

  validateRequestBody(method: string, concretePath: string, body: unknown): ValidationResult {
    const found = this.match(method, concretePath);
    if (!found) {
      return fail([
        `${method.toUpperCase()} ${stripQuery(concretePath)} is not an operation in the description`,
      ]);
    }
    const where = `${found.method.toUpperCase()} ${found.template}`;
    const schema = found.operation.requestBody?.content?.["application/json"]?.schema;
    if (!schema) return isEmptyBody(body) ? OK : fail([`${where} takes no request body, but one was sent`]);
    if (isEmptyBody(body)) {
      return found.operation.requestBody?.required ? fail([`${where} requires a JSON request body`]) : OK;
    }
    return fail(this.check(`${where} request`, () => schema, body));
  }

  validateQuery(method: string, concretePath: string, query: URLSearchParams): ValidationResult {
    const found = this.match(method, concretePath);
    if (!found) {
      return fail([
        `${method.toUpperCase()} ${stripQuery(concretePath)} is not an operation in the description`,
      ]);
    }
    return fail(checkQuery(found.operation.parameters ?? [], query));
  }

  /** For the description's own examples: the compiled schema of a named component. */
  validateComponent(name: string, value: unknown): ValidationResult {
    return fail(this.check(`component ${name}`, () => ({ $ref: `#/components/schemas/${name}` }), value));
  }
}

function stripQuery(concretePath: string): string {
  return concretePath.replace(/[?#].*$/, "");
}

let cachedValidator: DescriptionValidator | undefined;

function validator(): DescriptionValidator | undefined {
  const description = loadDescription();
  if (!description) return undefined;
  cachedValidator ??= new DescriptionValidator(description);
  return cachedValidator;
}

/** The operation a concrete request path belongs to (`/v2/incidents/123` → `GET /v2/incidents/{id}`). */
export function matchOperation(method: string, concretePath: string): OperationMatch | undefined {
  return validator()?.match(method, concretePath);
}

/**
 * Checks one response. Success statuses must be the ones the description documents for the operation, with
 * its body schema (or no body). Error statuses must carry the live API's `ErrorResponse` shape with `status`
 * and `type` matching; 501 (our emulator's "not implemented") needs only the shape; 502–504 are accepted as a
 * gateway's.
 */
export function validateResponse(method: string, concretePath: string, status: number, body: unknown) {
  return validator()?.validateResponse(method, concretePath, status, body) ?? OK;
}

/** Checks the JSON body a client sends against the operation's request body schema. */
export function validateRequestBody(method: string, concretePath: string, body: unknown) {
  return validator()?.validateRequestBody(method, concretePath, body) ?? OK;
}

/** Checks query parameter names, bracket encoding and scalar types; uses the path's own query by default. */
export function validateQuery(method: string, concretePath: string, searchParams?: URLSearchParams) {
  const query = searchParams ?? new URL(concretePath, "http://x").searchParams;
  return validator()?.validateQuery(method, concretePath, query) ?? OK;
}

/** Validates a value against a named component schema (e.g. `IncidentV2`). */
export function validateComponent(name: string, value: unknown) {
  return validator()?.validateComponent(name, value) ?? OK;
}
