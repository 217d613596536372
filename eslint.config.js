import js from "@eslint/js";
import tseslint from "typescript-eslint";

/*
 * The tree's boundaries (src/README layout): features never import each other; the shared core never imports a
 * feature or the app's entry files; the pure parts (analysis/, radar/model/) touch no database, GitHub or Probot.
 * Entry points (index.ts, workers.ts, server.ts, app-deps.ts, jobs.ts, cli/) wire features together.
 */
const FEATURES = ["deployments", "benchmarks", "radar", "config-check", "dora", "experiments", "gate", "feedback", "lifecycle"];
const CORE = ["web", "analysis", "config", "db", "github", "markdown", "queue", "http"];
const ENTRY_FILES = "(index|workers|server|app-deps|jobs)\\.js$";

/** A relative import that climbs out of the current folder into `folder`. */
const into = (folder) => `^(\\.\\./)+${folder}/`;

const featureRules = FEATURES.map((feature) => ({
  files: [`src/${feature}/**/*.ts`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          ...FEATURES.filter((other) => other !== feature).map((other) => ({
            regex: into(other),
            message: `Features never import each other: move what ${feature}/ and ${other}/ share down into the core (github/, markdown/, db/, analysis/, config/).`,
          })),
          { regex: `^(\\.\\./)+(index|workers|server)\\.js$`, message: "Entry points import features, not the other way round." },
        ],
      },
    ],
  },
}));

const coreRule = {
  files: CORE.map((folder) => `src/${folder}/**/*.ts`),
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { regex: into(`(${FEATURES.join("|")})`), message: "The shared core never imports a feature: pass what it needs in as a parameter or type." },
          { regex: `^(\\.\\./)+${ENTRY_FILES}`, message: "The shared core never imports the app's entry files (they import every feature)." },
        ],
      },
    ],
  },
};

const pureRule = {
  files: ["src/analysis/**/*.ts", "src/radar/model/**/*.ts", "src/dora/model/**/*.ts", "src/experiments/model/**/*.ts", "src/gate/model/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        paths: [
          { name: "pg", message: "analysis/ and radar/model/ are pure: numbers and values in, decisions out." },
          { name: "probot", message: "analysis/ and radar/model/ are pure: no Probot." },
        ],
        patterns: [
          { group: ["@octokit/*"], message: "analysis/ and radar/model/ are pure: no GitHub client." },
          { regex: "(^|/)(github|store|db|queue|http)/", message: "analysis/ and radar/model/ are pure: no GitHub calls, stores or database." },
          { regex: into(`(${FEATURES.join("|")})`), message: "The shared core never imports a feature." },
          { regex: `^(\\.\\./)+${ENTRY_FILES}`, message: "Pure code never imports the app's entry files." },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ["lib/", "node_modules/", ".data/", "coverage/", "test-artifacts/"] },
  {
    // The dashboard's one client script runs in the browser, beside uPlot's global build.
    files: ["static/**/*.js"],
    languageOptions: { sourceType: "script", globals: { window: "readonly", document: "readonly", devicePixelRatio: "readonly", uPlot: "readonly" } },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  ...featureRules,
  coreRule,
  pureRule,
  {
    // Tests reshape webhook payloads and read GitHub request bodies: untyped JSON by nature.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
