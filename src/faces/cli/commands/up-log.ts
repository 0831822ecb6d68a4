import { ConfigError } from "../../../api/index.js";
import { createLogger, isLogLevel, LOG_LEVELS, type Logger } from "../../../shared/logger.js";

/**
 * The running hub's (or emulator's, `name`) log: human lines on a terminal, JSON lines otherwise (systemd,
 * Docker, a log shipper), from `LOG_LEVEL` (default `info`). A level that is not one of pino's stops it before it
 * starts, naming them.
 */
export function processLogger(
  env: Readonly<Record<string, string | undefined>>,
  terminal: boolean,
  name = "hub",
): Logger {
  const level = env.LOG_LEVEL?.trim().toLowerCase() || "info";
  if (!isLogLevel(level)) {
    throw new ConfigError(
      "LOG_LEVEL",
      `LOG_LEVEL is "${env.LOG_LEVEL}", which is not a log level`,
      `set LOG_LEVEL to one of ${LOG_LEVELS.join(", ")} (or leave it unset for info)`,
    );
  }
  return createLogger({ name, level, pretty: terminal });
}
