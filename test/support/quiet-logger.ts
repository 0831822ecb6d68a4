import { createLogger, isLogLevel, type Logger } from "../../src/shared/logger.js";

/**
 * The log of a hub a test makes: silent, so a run's output is the tests' own (the failures tests cause on purpose
 * would fill it). To read it while looking into a test: `LOG_LEVEL=debug npx vitest run <file>`.
 */
export function quietLogger(): Logger {
  const level = process.env.LOG_LEVEL?.trim().toLowerCase() ?? "";
  return createLogger({ name: "hub", level: isLogLevel(level) ? level : "silent" });
}
