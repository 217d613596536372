import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "./free-port.js";

export interface BuiltApp {
  url: string;
  process: ChildProcess;
  /** What the app wrote to stderr (for a failing test's message). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * The built app (`lib/server.js`, as `npm start` runs it) on a free loopback port, with `env` on top of the bare
 * minimum (PORT: a free one unless given); resolves once /healthz answers. Needs `npm run build` first.
 */
export async function startBuiltApp(env: Record<string, string>): Promise<BuiltApp> {
  if (!existsSync("lib/server.js")) throw new Error("lib/server.js is missing: run `npm run build` first");
  const port = env["PORT"] ? Number(env["PORT"]) : await freePort();
  const child = spawn(process.execPath, ["lib/server.js"], {
    env: { PATH: process.env["PATH"], PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "error", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited: ${stderr}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 200) throw new Error(`the app did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
