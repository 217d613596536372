import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lateBound } from "../helpers/late-bound.js";
import { startLoopbackGitHub, type LoopbackGitHub, type LoopbackReply, type LoopbackRequest } from "../helpers/loopback-github.js";
import { useTestDatabase, type TestDatabase } from "../helpers/test-database.js";

/** The built command line, as `npx kaizen` runs it. */
const BIN = fileURLToPath(new URL("../../lib/cli/kaizen.js", import.meta.url));

export interface KaizenRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `kaizen <args>` from lib/ in a child process, with only PATH and `env` in its environment (so no
 * KAIZEN_SOURCES or DATABASE_URL of the machine leaks in), and resolves with its exit code and output.
 */
export function runKaizen(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<KaizenRun> {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: the CLI tests run the built binary, so run \`npm run build\` first (\`npm test\` does).`);
  }
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? "", ...options.env };
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd, env }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") return reject(error);
      resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}

/**
 * The environment of a command that acts as the app (radar review, radar sync, dora): a test app id and key,
 * the test database, and a GitHub at `githubHost` reached over plain HTTP (GHE_HOST), so no call leaves the machine.
 */
export function appEnv(databaseUrl: string, githubHost: string): Record<string, string> {
  return {
    APP_ID: "123",
    PRIVATE_KEY_PATH: join(process.cwd(), "test/fixtures/github/mock-cert.pem"),
    WEBHOOK_SECRET: "secret",
    DATABASE_URL: databaseUrl,
    GHE_HOST: githubHost,
    GHE_PROTOCOL: "http",
  };
}

/**
 * For a describe block whose commands act as the app: a database of its own and a loopback GitHub answering
 * `route`, both made in beforeAll and closed in afterAll, with the `env` that points a command at them.
 */
export function useCliApp(route: (request: LoopbackRequest) => LoopbackReply | undefined): { db: TestDatabase; github: LoopbackGitHub; env: Record<string, string> } {
  const db = useTestDatabase();
  let github: LoopbackGitHub | undefined;
  beforeAll(async () => {
    github = await startLoopbackGitHub(route);
  });
  afterAll(async () => {
    await github?.close();
  });
  const bound = lateBound(() => github, "The loopback GitHub of useCliApp()");
  return {
    db,
    github: bound,
    get env() {
      return appEnv(db.url, bound.host);
    },
  };
}
