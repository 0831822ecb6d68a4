/** incidentkit as a library: the incident.io client and accounts, configuration, and the emulator. */
export * from "./api/index.js";
export { type Config, loadConfig } from "./config.js";
export { createEmulator, type Emulator, type EmulatorOptions, type FaultSettings } from "./emulator/index.js";
