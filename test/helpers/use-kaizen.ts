import nock from "nock";
import { nockAccessToken } from "./nock-app.js";
import { nockGetApp } from "./nock-github.js";
import { lateBound } from "./late-bound.js";
import { startKaizen, type RunningKaizen } from "./start-kaizen.js";

export interface UseKaizenOptions extends NonNullable<Parameters<typeof startKaizen>[0]> {
  /** Let requests to 127.0.0.1 through: the real Prometheus from global setup, or a server of the test's own. */
  localhost?: boolean;
  /**
   * Persist the token exchange of this installation before each test (`nockAccessToken(id).persist()`), and
   * GET /app, which Kaizen reads once per installation client to tell its own comments and issues from others'.
   */
  accessToken?: number;
  /**
   * After each test, check that every nock scope it set up was used (`nock.pendingMocks()` is empty, but for
   * mocks whose description contains one of `allowPending`). On by default; off leaves no after-each hook at all.
   */
  checkPending?: boolean;
  /** Pending mocks the check lets stay, by a part of their description: by default `access_tokens` when `accessToken` is set. */
  allowPending?: string[];
  /** `nock.cleanAll()` after each test's check (default true); off keeps mocks persisted in beforeAll across tests. */
  cleanAfterEach?: boolean;
  /** A fresh app (and database) for each test instead of one for the file. */
  perTest?: boolean;
}

/**
 * Registers the jest hooks around `startKaizen()` for the enclosing describe block — GitHub left to nock with the
 * network off, the app started (once, or for each test), the token exchange persisted when asked, every mock
 * checked used after each test, the app stopped and nock restored at the end — and returns the running app.
 * Call it first in the block: hooks the file adds after it run after its setup and, in the same block, after its
 * after-each check.
 */
export function useKaizen(options: UseKaizenOptions = {}): RunningKaizen {
  const { localhost = false, accessToken, checkPending = true, cleanAfterEach = true, perTest = false, ...startOptions } = options;
  const allowPending = [
    ...(options.allowPending ?? (accessToken === undefined ? [] : ["access_tokens"])),
    // Read once per installation client, so most tests find it cached.
    ...(accessToken === undefined ? [] : ["GET https://api.github.com:443/app"]),
  ];
  let running: RunningKaizen | undefined;

  const start = async () => {
    nock.disableNetConnect();
    if (localhost) nock.enableNetConnect("127.0.0.1");
    running = await startKaizen(startOptions);
  };
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  const persistToken = () => {
    if (accessToken === undefined) return;
    nockAccessToken(accessToken).persist();
    nockGetApp().persist();
  };
  const check = () => {
    if (checkPending) expect(nock.pendingMocks().filter((m) => !allowPending.some((part) => m.includes(part)))).toEqual([]);
    if (cleanAfterEach) nock.cleanAll();
  };

  if (perTest) {
    beforeEach(async () => {
      await start();
      persistToken();
    });
    afterEach(async () => {
      await stop();
      check();
      nock.enableNetConnect();
    });
  } else {
    beforeAll(start);
    afterAll(async () => {
      await stop();
      nock.cleanAll();
      nock.enableNetConnect();
    });
    if (accessToken !== undefined) beforeEach(persistToken);
    if (checkPending || cleanAfterEach) afterEach(check);
  }
  return lateBound(() => running, "The app of useKaizen()");
}
