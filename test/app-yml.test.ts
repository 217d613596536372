import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

// GitHub sends these to every app without a subscription.
const ALWAYS_SENT = new Set(["installation", "installation_repositories"]);

describe("app.yml", () => {
  it("subscribes to every event the routing table handles", () => {
    const manifest = parse(readFileSync(join(process.cwd(), "app.yml"), "utf8")) as { default_events: string[] };
    const routing = readFileSync(join(process.cwd(), "src/index.ts"), "utf8");
    const calls = [...routing.matchAll(/app\.on\(\s*(\[[^\]]*\]|"[^"]*")/g)].map((m) => m[1]!);
    const events = new Set(calls.flatMap((call) => [...call.matchAll(/"([a-z_]+)(?:\.[a-z_]+)?"/g)].map((m) => m[1]!)));
    expect(events).toContain("push");
    expect([...events].filter((event) => !ALWAYS_SENT.has(event) && !manifest.default_events.includes(event))).toEqual([]);
  });
});
