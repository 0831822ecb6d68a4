// `node --import ./test/support/load-recorder.mjs …`: appends the URL of every module the process loads, one a
// line, to the file LOAD_RECORD names. The hooks run on Node's loader thread, so they write the file themselves,
// each line before its module loads: when the import resolves, the file is complete.
import { register } from "node:module";

const file = process.env.LOAD_RECORD;
if (!file) throw new Error("LOAD_RECORD is not set: set it to the file the loaded modules are written to");
register("./load-recorder-hooks.mjs", import.meta.url, { data: { file } });
