import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvError, probotEnv, readEnv } from "../../src/config/read-env.js";

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

function envError(env: Record<string, string>): EnvError {
  try {
    readEnv(env);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected an EnvError");
}

describe("readEnv", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kaizen-env-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("uses the defaults for an empty environment", () => {
    expect(readEnv({})).toEqual({
      port: 3000,
      host: "0.0.0.0",
      logLevel: "info",
      dataDir: ".data",
      gheProtocol: "https",
      workers: true,
      retentionMs: 30 * 86_400_000,
      variables: {},
    });
  });

  it("reads every variable", () => {
    const env = {
      APP_ID: "123",
      PRIVATE_KEY: pem,
      WEBHOOK_SECRET: "s3cret",
      PORT: "8080",
      HOST: "0.0.0.0",
      LOG_LEVEL: "debug",
      LOG_FORMAT: "json",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/kaizen",
      KAIZEN_DATA_DIR: "/var/lib/kaizen",
      GHE_HOST: "github.example.com",
      GHE_PROTOCOL: "http",
      KAIZEN_SOURCES: "/etc/kaizen/sources.yml",
      WEBHOOK_PROXY_URL: "https://smee.io/abc",
      KAIZEN_WORKERS: "false",
      KAIZEN_PUBLIC_URL: "https://kaizen.example.com/",
      KAIZEN_RETENTION: "12h",
    };
    expect(readEnv(env)).toEqual({
      appId: 123,
      privateKey: pem,
      webhookSecret: "s3cret",
      port: 8080,
      host: "0.0.0.0",
      logLevel: "debug",
      logFormat: "json",
      databaseUrl: "postgres://postgres@127.0.0.1:5432/kaizen",
      dataDir: "/var/lib/kaizen",
      gheHost: "github.example.com",
      gheProtocol: "http",
      sourcesPath: "/etc/kaizen/sources.yml",
      webhookProxy: "https://smee.io/abc",
      workers: false,
      publicUrl: "https://kaizen.example.com",
      retentionMs: 12 * 3_600_000,
      variables: env,
    });
  });

  it("keeps a path under KAIZEN_PUBLIC_URL (Kaizen behind a proxy prefix), without the trailing slash", () => {
    expect(readEnv({ KAIZEN_PUBLIC_URL: "http://intranet.example.com/kaizen//" }).publicUrl).toBe("http://intranet.example.com/kaizen");
    expect(readEnv({}).publicUrl).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    expect(readEnv({ PORT: "", LOG_LEVEL: " ", APP_ID: "" })).toMatchObject({ port: 3000, logLevel: "info", appId: undefined });
  });

  it.each([
    ["a key with escaped newlines", pem.replace(/\n/g, "\\n")],
    ["a base64-encoded key", Buffer.from(pem).toString("base64")],
  ])("accepts %s in PRIVATE_KEY", (_case, key) => {
    expect(readEnv({ APP_ID: "1", PRIVATE_KEY: key, WEBHOOK_SECRET: "s" }).privateKey).toBe(pem);
  });

  it("reads the key file at PRIVATE_KEY_PATH", () => {
    const path = join(dir, "app.pem");
    writeFileSync(path, pem);
    expect(readEnv({ APP_ID: "1", PRIVATE_KEY_PATH: path, WEBHOOK_SECRET: "s" }).privateKey).toBe(pem);
  });

  it.each([
    [{ PORT: "abc" }, "PORT=abc: must be a port number 1–65535"],
    [{ PORT: "70000" }, "PORT=70000: must be a port number 1–65535"],
    [{ PORT: "0" }, "PORT=0: must be a port number 1–65535"],
    [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL=verbose: must be one of trace, debug, info, warn, error, fatal"],
    [{ LOG_FORMAT: "xml" }, "LOG_FORMAT=xml: must be json or pretty"],
    [{ APP_ID: "my-app", PRIVATE_KEY: pem, WEBHOOK_SECRET: "s" }, "APP_ID=my-app: must be the numeric App ID"],
    [{ APP_ID: "1", WEBHOOK_SECRET: "s" }, "PRIVATE_KEY: required when APP_ID is set"],
    [{ APP_ID: "1", PRIVATE_KEY: pem }, "WEBHOOK_SECRET: required when APP_ID is set"],
    [{ PRIVATE_KEY: pem }, "APP_ID: required when a private key is set"],
    [{ APP_ID: "1", PRIVATE_KEY: "not a key", WEBHOOK_SECRET: "s" }, "PRIVATE_KEY: is not a PEM private key"],
    [{ APP_ID: "1", PRIVATE_KEY_PATH: "/nonexistent/key.pem", WEBHOOK_SECRET: "s" }, "PRIVATE_KEY_PATH=/nonexistent/key.pem: cannot read the file (ENOENT)"],
    [{ DATABASE_URL: "mysql://root:hunter2@db/kaizen" }, "DATABASE_URL: must be a postgres://"],
    [{ GHE_HOST: "https://github.example.com" }, "GHE_HOST=https://github.example.com: must be a host name"],
    [{ GHE_PROTOCOL: "ftp" }, "GHE_PROTOCOL=ftp: must be http or https"],
    [{ KAIZEN_WORKERS: "no" }, "KAIZEN_WORKERS=no: must be true or false"],
    [{ WEBHOOK_PROXY_URL: "smee" }, "WEBHOOK_PROXY_URL=smee: must be an http(s) URL"],
    [{ KAIZEN_PUBLIC_URL: "kaizen.example.com" }, "KAIZEN_PUBLIC_URL: must be the http(s) address"],
    [{ KAIZEN_PUBLIC_URL: "https://kaizen.example.com/?a=1" }, "KAIZEN_PUBLIC_URL: must be the http(s) address"],
  ])("rejects %j", (env, expected) => {
    const error = envError(env);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(expected);
    expect(error.message).toContain(expected);
  });

  it("rejects a PRIVATE_KEY_PATH file that holds no key", () => {
    const path = join(dir, "notes.txt");
    writeFileSync(path, "hello");
    expect(envError({ APP_ID: "1", PRIVATE_KEY_PATH: path, WEBHOOK_SECRET: "s" }).problems).toEqual([
      expect.stringContaining(`PRIVATE_KEY_PATH=${path}: the file is not a PEM private key`),
    ]);
  });

  it("lists every bad variable in one error, without echoing secrets", () => {
    const error = envError({ PORT: "abc", LOG_LEVEL: "loud", DATABASE_URL: "nope://user:hunter2@x", PRIVATE_KEY: "secret-ish", APP_ID: "1", WEBHOOK_SECRET: "s" });
    expect(error.problems).toHaveLength(4);
    expect(error.message).toMatch(/^Kaizen cannot start; fix these environment variables:\n {2}- /);
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("secret-ish");
  });
});

describe("probotEnv", () => {
  it("maps the settings onto the variables Probot reads, leaving unset ones out", () => {
    const appEnv = readEnv({ APP_ID: "42", PRIVATE_KEY: pem, WEBHOOK_SECRET: "s", GHE_HOST: "ghe.local", LOG_LEVEL: "warn" });
    expect(probotEnv(appEnv)).toEqual({
      APP_ID: "42",
      PRIVATE_KEY: pem,
      WEBHOOK_SECRET: "s",
      PORT: "3000",
      HOST: "0.0.0.0",
      LOG_LEVEL: "warn",
      GHE_HOST: "ghe.local",
      GHE_PROTOCOL: "https",
    });
  });
});
