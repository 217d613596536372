import { generateKeyPairSync } from "node:crypto";
import { EnvError, readEnv } from "../../src/config/read-env.js";
import { dashboardSettings } from "../../src/web/dashboard-settings.js";

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const app = { APP_ID: "1", PRIVATE_KEY: pem, WEBHOOK_SECRET: "w" };

describe("dashboard settings from the environment", () => {
  it("reads the client id and secret Probot's manifest setup writes, and the public URL without its trailing slash", () => {
    const env = readEnv({ ...app, GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "s3cret", KAIZEN_PUBLIC_URL: "https://kaizen.example/" });
    const settings = dashboardSettings(env)!;
    expect(settings).toMatchObject({ clientId: "Iv1.abc", clientSecret: "s3cret", publicUrl: "https://kaizen.example" });
    expect(settings.sessionKey).toHaveLength(32);
  });

  it("derives the session key from the private key when no secret is set: stable across restarts, not the key itself", () => {
    const env = { ...app, GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "s3cret" };
    const a = dashboardSettings(readEnv(env))!.sessionKey;
    expect(dashboardSettings(readEnv(env))!.sessionKey.equals(a)).toBe(true);
    expect(pem).not.toContain(a.toString("base64"));
    const withSecret = dashboardSettings(readEnv({ ...env, KAIZEN_SESSION_SECRET: "x".repeat(32) }))!.sessionKey;
    expect(withSecret.equals(a)).toBe(false);
  });

  it("is off without a client id and secret", () => {
    expect(dashboardSettings(readEnv(app))).toBeUndefined();
  });

  it.each([
    [{ GITHUB_CLIENT_ID: "Iv1.abc" }, "GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET"],
    [{ KAIZEN_SESSION_SECRET: "short" }, "KAIZEN_SESSION_SECRET: must be at least 32 characters"],
    [{ KAIZEN_PUBLIC_URL: "kaizen.example" }, "KAIZEN_PUBLIC_URL: must be the http(s) address"],
  ])("refuses %j", (vars, message) => {
    expect(() => readEnv({ ...app, ...vars })).toThrow(EnvError);
    expect(() => readEnv({ ...app, ...vars })).toThrow(message);
  });
});
