/** incidentkit as a library: the incident.io client and accounts, configuration, and the emulator. */

export { type Config, loadConfig } from "./api/config.js";
export * from "./api/index.js";
export { createEmulator, type Emulator, type EmulatorOptions, type FaultSettings } from "./emulator/index.js";
