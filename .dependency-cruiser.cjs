// The layering of src/, as layers.json declares it, checked by `npm run lint` (depcruise) and by
// test/architecture.test.ts. Rules are generated from layers.json so there is one list to change.
const { layers, onlyFrom } = require("./layers.json");

/** Tests and test helpers: they may import anything, and nothing shipped may import them. */
const TEST_CODE = "(\\.test\\.tsx?$)|(/testing(\\.ts$|/))";
const escapeRegExp = (folder) => folder.replace(/[/.]/g, "\\$&");
const under = (folders) => `^src/(${folders.map(escapeRegExp).join("|")})/`;

const layerRules = layers
  .flatMap((layer, index) =>
    layer.map((folder) => {
      const notBelow = layers
        .slice(index)
        .flat()
        .filter((other) => other !== folder);
      return {
        name: `layer:${folder}`,
        comment: `${folder} imports only itself and lower layers (layers.json)`,
        severity: "error",
        from: { path: under([folder]), pathNot: TEST_CODE },
        to: { path: under(notBelow) },
      };
    }),
  )
  .filter((rule) => rule.to.path !== "^src/()/");

const onlyFromRules = Object.entries(onlyFrom).map(([folder, importers]) => ({
  name: `only-from:${folder}`,
  comment: `${folder} is imported only by ${importers.join(", ")} and the package's entry points (layers.json)`,
  severity: "error",
  from: { path: "^src/", pathNot: [TEST_CODE, under([folder, ...importers]), "^src/[^/]+\\.ts$"] },
  to: { path: under([folder]) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    ...onlyFromRules,
    {
      name: "shipped-code-imports-no-tests",
      comment: "code under src/ that ships never imports tests, test helpers, test/ or bench/",
      severity: "error",
      from: { path: "^src/", pathNot: TEST_CODE },
      to: { path: [TEST_CODE, "^test/", "^bench/"] },
    },
    {
      name: "no-cycle",
      comment: "no cycle of imports that run (type-only imports erase) between files that ship",
      severity: "error",
      from: { path: "^src/", pathNot: TEST_CODE },
      to: {
        circular: true,
        dependencyTypesNot: ["type-only"],
        viaOnly: { pathNot: TEST_CODE, dependencyTypesNot: ["type-only"] },
      },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".json"] },
  },
};
