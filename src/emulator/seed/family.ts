import type { IncidentTypeName, SeverityName } from "./organisation.js";
import type { Random } from "./random.js";

/**
 * A failure family: one way things keep going wrong at Acme Cloud, with the words people use about it.
 * Incidents of a family share services and vocabulary but no two read the same, which is what a
 * similar-incidents ranking has to cope with in a real organisation.
 */
export interface FailureFamily {
  key: string;
  /** Service slugs; the first one's team owns the incident. */
  services: string[];
  severity: SeverityName;
  /** Relative frequency. */
  weight: number;
  type?: Exclude<IncidentTypeName, "Default">;
  /** Templates; `{word}` is filled from `vars` or the shared vocabulary below. */
  names: string[];
  summaries: string[];
  rootCauses: string[];
  /** What responders post while investigating. */
  findings: string[];
  /** What responders post while fixing and monitoring. */
  fixes: string[];
  runbook: string;
  vars?: Record<string, string[]>;
}

const SYNONYMS: Record<string, string[]> = {
  elevated: ["elevated", "increased", "a spike in", "higher than usual"],
  errors: ["errors", "5xx responses", "failed requests", "500s"],
  failing: ["failing", "erroring", "timing out", "broken"],
  slow: ["slow", "degraded", "sluggish", "very slow"],
  some: ["some", "a subset of", "many", "a growing number of"],
  customers: ["customers", "users", "merchants", "shoppers"],
  region: ["eu-west-1", "us-east-1", "us-west-2", "ap-southeast-2", "eu-central-1"],
  when: [
    "after the deploy",
    "since the last release",
    "following this morning's rollout",
    "after the afternoon deploy",
  ],
};

const NUMBERS: Record<string, (rng: Random) => string> = {
  pct: (rng) => `${rng.int(3, 65)}%`,
  ms: (rng) => `${rng.int(8, 90) * 100}ms`,
  count: (rng) => `${rng.int(20, 4800)}`,
  version: (rng) => `v${rng.int(2, 4)}.${rng.int(0, 40)}.${rng.int(0, 9)}`,
  pr: (rng) => `#${rng.int(1200, 9800)}`,
  minutes: (rng) => `${rng.int(5, 90)}`,
  n: (rng) => `${rng.int(2, 12)}`,
};

/** Fills `{word}` placeholders, family words first, and capitalises the result. */
export function fill(template: string, family: FailureFamily, rng: Random): string {
  let out = template;
  // Family words may themselves hold placeholders ("{pct} of {customers}"), so expand a few levels deep.
  for (let depth = 0; depth < 3 && out.includes("{"); depth++) {
    out = out.replace(/\{(\w+)\}/g, (whole, word: string) => {
      const own = family.vars?.[word] ?? SYNONYMS[word];
      if (own) return rng.pick(own);
      const number = NUMBERS[word];
      if (number) return number(rng);
      throw new Error(`family ${family.key} uses unknown placeholder ${whole}`);
    });
  }
  // Service names like payments-api are written in lower case even at the start of a sentence.
  const firstWord = out.split(" ", 1)[0] ?? "";
  return firstWord.includes("-") ? out : out.charAt(0).toUpperCase() + out.slice(1);
}

export function isKnownPlaceholder(family: FailureFamily, word: string): boolean {
  return word in (family.vars ?? {}) || word in SYNONYMS || word in NUMBERS;
}

/** Every placeholder a family uses, so a test can check they all resolve. */
export function placeholdersOf(family: FailureFamily): string[] {
  const texts = [
    ...family.names,
    ...family.summaries,
    ...family.rootCauses,
    ...family.findings,
    ...family.fixes,
    ...Object.values(family.vars ?? {}).flat(),
  ];
  return [...new Set(texts.flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "")))];
}
