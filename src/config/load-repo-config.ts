import type { ProbotOctokit } from "probot";
import { FILE_PATH, type ConfigProblem } from "./config-problem.js";
import type { KaizenConfig } from "./schema/kaizen-config.js";
import { validateConfig } from "./validate-config.js";
import { yamlSyntaxProblem, type YamlSyntaxError } from "./yaml-syntax-problem.js";

/** Where repositories keep their Kaizen settings. */
export const CONFIG_PATH = ".github/kaizen.yml";

/** No file (do nothing), a file with problems (report them), or a usable configuration. */
export type RepoConfigResult =
  | { status: "missing" }
  | { status: "invalid"; problems: ConfigProblem[] }
  | { status: "ok"; config: KaizenConfig };

type Octokit = InstanceType<typeof ProbotOctokit>;
type ConfigFile = Awaited<ReturnType<Octokit["config"]["get"]>>["files"][number];

const NOT_MAPPING_FIX = "Write options as `key: value` lines, like `gate: true`; see the example in the Kaizen README.";
const PLUGIN_PREFIX = "[@probot/octokit-plugin-config] ";
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `.github/kaizen.yml`, or `owner/repo:path` when the file came from elsewhere (org default, `_extends`). */
function fileName(url: string | undefined, owner: string, repo: string): string {
  const match = url && /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?]+)/.exec(url);
  if (!match) return CONFIG_PATH;
  const [, fileOwner = "", fileRepo = "", path = ""] = match;
  const name = decodeURIComponent(path);
  return fileOwner === owner && fileRepo === repo ? name : `${fileOwner}/${fileRepo}:${name}`;
}

/**
 * The config plugin reports a file it cannot use by throwing a plain Error with its prefix; those
 * are the owner's to fix. Anything else (network, 5xx, permissions) is returned as null and rethrown.
 */
function pluginProblem(error: unknown, owner: string, repo: string): ConfigProblem | null {
  if (!(error instanceof Error) || "status" in error || !error.message.startsWith(PLUGIN_PREFIX)) return null;
  const detail = error.message.slice(PLUGIN_PREFIX.length);
  const file = `\`${fileName(/https?:\/\/\S+/.exec(detail)?.[0], owner, repo)}\``;
  const cause = error.cause as YamlSyntaxError | undefined;
  if (detail.includes("(invalid YAML)") && cause?.message) return yamlSyntaxProblem(file, cause);
  if (detail.startsWith("Invalid value")) {
    const message = `\`_extends\` in ${file} does not name a repository.`;
    return { path: "_extends", message, fix: "Use `repo`, `owner/repo` or `owner/repo:path/to/file.yml`." };
  }
  if (detail.startsWith("Recursion detected")) {
    const message = `The \`_extends\` chain loops back to a file it already read (at ${file}).`;
    return { path: "_extends", message, fix: "Remove `_extends` from one of the files so the chain ends." };
  }
  if (detail.includes("(YAML is not an object)")) {
    return { path: FILE_PATH, message: `${file} holds a single value instead of options.`, fix: NOT_MAPPING_FIX };
  }
  const readable = detail.replace(/https?:\/\/\S+/, file).replace(/\. Ignoring\.$/, "");
  return { path: FILE_PATH, message: `${readable}.`, fix: `Make ${file} a YAML file of Kaizen options.` };
}

/**
 * Loads and validates the repository's kaizen.yml through Probot's config plugin: from `ref` when
 * given (a pull request's head), else the default branch; falling back to the owner's `.github`
 * repository; following `_extends`, whose top-level keys are replaced by the extending file's.
 * Problems with the file come back as "invalid"; failures talking to GitHub throw (the job retries).
 */
export async function loadRepoConfig(
  octokit: Octokit,
  { owner, repo, ref }: { owner: string; repo: string; ref?: string },
  sourceNames: string[],
): Promise<RepoConfigResult> {
  let files: ConfigFile[];
  try {
    ({ files } = await octokit.config.get({ owner, repo, path: CONFIG_PATH, branch: ref }));
  } catch (error) {
    const problem = pluginProblem(error, owner, repo);
    if (!problem) throw error;
    return { status: "invalid", problems: [problem] };
  }
  const found = files.filter((file) => file.config !== null);
  if (found.length === 0) return { status: "missing" };
  const notMappings = found.filter((file) => !isRecord(file.config));
  if (notMappings.length > 0) {
    const problems = notMappings.map((file) => ({
      path: FILE_PATH,
      message: `\`${fileName(file.url, owner, repo)}\` holds a single value or a list instead of options.`,
      fix: NOT_MAPPING_FIX,
    }));
    return { status: "invalid", problems };
  }
  // files lists the extending file first; later files are the bases it overrides.
  const merged = Object.assign({}, ...found.map((file) => file.config).reverse()) as Record<string, unknown>;
  const result = validateConfig(merged, { sourceNames });
  return result.ok ? { status: "ok", config: result.config } : { status: "invalid", problems: result.problems };
}
