import type { IncidentFilters } from "./model.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 200;

type Query = (name: string) => string | undefined;

const trimmed = (value: string | undefined): string | undefined => {
  const text = value?.trim();
  return text ? text : undefined;
};

/** A page number from the query: whole and at least 1, else 1. */
export function pageNumber(value: string | undefined): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

function dateParam(label: string, value: string | undefined, problems: string[]): string | undefined {
  const text = trimmed(value);
  if (text === undefined) return undefined;
  if (DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return text;
  problems.push(`${label} must be a date like 2026-06-30; ignored "${text.slice(0, 40)}".`);
  return undefined;
}

/** The incidents list's filters from its query string, and what was ignored and why. */
export function incidentFilters(query: Query): { filters: IncidentFilters; problems: string[] } {
  const problems: string[] = [];
  const filters: IncidentFilters = { page: pageNumber(query("page")) };
  const set = <K extends keyof IncidentFilters>(key: K, value: IncidentFilters[K] | undefined) => {
    if (value !== undefined) filters[key] = value;
  };
  set("statusCategory", trimmed(query("status")));
  set("severity", trimmed(query("severity")));
  set("service", trimmed(query("service")));
  set("account", trimmed(query("account")));
  set("text", trimmed(query("q"))?.slice(0, MAX_TEXT));
  set("createdFrom", dateParam("Created from", query("from"), problems));
  set("createdTo", dateParam("Created to", query("to"), problems));
  if (filters.createdFrom && filters.createdTo && filters.createdFrom > filters.createdTo) {
    problems.push("Created from is after Created to, so nothing can match: swap them.");
  }
  return { filters, problems };
}
