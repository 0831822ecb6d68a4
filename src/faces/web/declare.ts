import type { DeclareProblems, DeclareValues } from "./declare-form.js";
import type { DeclareField, DeclareFormModel } from "./model.js";

export const MAX_NAME = 250;
export const MAX_SUMMARY = 10_000;

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** The posted form's values, as typed. */
export function declareValues(body: Record<string, unknown>): DeclareValues {
  return {
    name: text(body.name),
    summary: text(body.summary),
    severity: text(body.severity),
    mode: text(body.mode) || "standard",
  };
}

/** What is wrong with the values, field by field, with what to do; null when they can be sent. */
export function checkDeclareValues(values: DeclareValues, form: DeclareFormModel): DeclareProblems | null {
  const fields: Partial<Record<DeclareField, string>> = {};
  const name = values.name.trim();
  if (name === "") fields.name = "Give the incident a name: what is broken, e.g. “Checkout returning 5xx”.";
  else if (name.length > MAX_NAME)
    fields.name = `Shorten the name to ${MAX_NAME} characters or fewer (it has ${name.length}).`;
  if (values.summary.length > MAX_SUMMARY) {
    fields.summary = `Shorten the summary to ${MAX_SUMMARY.toLocaleString("en")} characters or fewer.`;
  }
  if (values.severity === "") fields.severity = "Choose a severity.";
  else if (!form.severities.some((severity) => severity.id === values.severity)) {
    fields.severity = "That severity is not one of the organisation's any more: choose one from the list.";
  }
  if (values.mode !== "standard" && values.mode !== "test") fields.mode = "Choose Standard or Test.";
  if (Object.keys(fields).length === 0) return null;
  return { form: "The incident was not declared: correct the fields marked below and submit again.", fields };
}
