/**
 * `incidentkit`: the incident.io client, its types, accounts and configuration, and nothing else. The emulator
 * (`incidentkit/emulator`) and the hub (`incidentkit/hub`) are entry points of their own, so a program that only
 * calls incident.io loads neither a database driver nor an HTTP server.
 */

export { type Config, loadConfig } from "./api/config.js";
export * from "./api/index.js";
