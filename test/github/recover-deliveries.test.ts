import { Probot } from "probot";
import { recoverDeliveries } from "../../src/github/recover-deliveries.js";
import { startLoopbackGitHub, type LoopbackGitHub } from "../helpers/loopback-github.js";
import { privateKey } from "../helpers/start-kaizen.js";
import { ProductionOctokit } from "../helpers/production-octokit.js";
import { useTestDatabase } from "../helpers/test-database.js";

interface Delivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
  status: string;
  event: string;
  action: string | null;
  duration: number;
  installation_id: number;
  repository_id: number;
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function delivery(id: number, guid: string, statusCode: number, minutes: number): Delivery {
  return {
    id,
    guid,
    delivered_at: minutesAgo(minutes),
    redelivery: false,
    status_code: statusCode,
    status: statusCode < 300 ? "OK" : "Internal Server Error",
    event: "deployment_status",
    action: "created",
    duration: 0.01,
    installation_id: 2,
    repository_id: 186853002,
  };
}

/**
 * A GitHub holding the app's deliveries, newest first, served 3 per page with a cursor in the Link header as
 * GitHub does; every redelivery asked for is recorded (and becomes a new successful attempt of its guid).
 */
async function startDeliveriesGitHub(deliveries: Delivery[]) {
  const asked: number[] = [];
  const pages: string[] = [];
  // The Link header names the fake's own address, known once it listens.
  let host = "";
  const github = await startLoopbackGitHub(({ method, path, query }) => {
    if (method === "GET" && path === "/app/hook/deliveries") {
      const cursor = query.get("cursor");
      pages.push(cursor ?? "first");
      const sorted = [...deliveries].sort((a, b) => b.id - a.id);
      const start = cursor ? sorted.findIndex((d) => d.id < Number(cursor)) : 0;
      const page = start < 0 ? [] : sorted.slice(start, start + 3);
      const last = page.at(-1);
      const more = last !== undefined && sorted.some((d) => d.id < last.id);
      const headers: Record<string, string> = more ? { link: `<http://${host}/api/v3/app/hook/deliveries?per_page=100&cursor=${last.id}>; rel="next"` } : {};
      return { status: 200, json: page, headers };
    }
    const attempt = /^\/app\/hook\/deliveries\/(\d+)\/attempts$/.exec(path);
    if (method === "POST" && attempt) {
      const original = deliveries.find((d) => d.id === Number(attempt[1]))!;
      asked.push(original.id);
      deliveries.push({ ...delivery(Math.max(...deliveries.map((d) => d.id)) + 1, original.guid, 200, 0), redelivery: true });
      return { status: 202, json: {} };
    }
    return undefined;
  });
  host = github.host;
  return { github, asked, pages };
}

describe("recoverDeliveries", () => {
  const db = useTestDatabase({ each: true });
  let github: LoopbackGitHub | undefined;

  afterEach(async () => {
    await github?.close();
    github = undefined;
  });

  async function appOctokit(host: string) {
    const probot = new Probot({ appId: 123, privateKey, Octokit: ProductionOctokit, logLevel: "fatal", baseUrl: `http://${host}/api/v3` });
    return probot.auth();
  }

  describe("with failed deliveries among the recent ones", () => {
    it("reads every page by cursor and asks once for each delivery none of whose attempts succeeded", async () => {
      const deliveries = [
        delivery(1, "ok", 200, 50),
        delivery(2, "failed-once-then-ok", 502, 40),
        delivery(3, "failed-once-then-ok", 200, 39),
        delivery(4, "down", 0, 30),
        delivery(5, "error", 500, 20),
        delivery(6, "error", 503, 19),
        delivery(0, "old-failure", 500, 24 * 60),
        delivery(8, "ok-2", 202, 5),
      ];
      const fake = await startDeliveriesGitHub(deliveries);
      github = fake.github;
      const octokit = await appOctokit(github.host);

      const result = await recoverDeliveries(octokit, db.pool);

      // Newest attempt of each failed guid; the 24-hour-old failure is before the first scan's hour.
      expect(fake.asked.sort()).toEqual([4, 6]);
      expect(result).toEqual({ scanned: 7, failed: 2, redelivered: 2 });
      expect(fake.pages).toEqual(["first", "5", "2"]);

      // Run again (another replica, or the next period): only what is newer than the last scan, nothing asked twice.
      const again = await recoverDeliveries(octokit, db.pool);
      expect(again).toEqual({ scanned: 2, failed: 0, redelivered: 0 });
      expect(fake.asked.sort()).toEqual([4, 6]);
    });
  });

  describe("when two replicas scan at once", () => {
    it("asks GitHub once per failed delivery between them", async () => {
      const deliveries = Array.from({ length: 10 }, (_, i) => delivery(i + 1, `g${i}`, i % 2 === 0 ? 500 : 200, 10 - i));
      const fake = await startDeliveriesGitHub(deliveries);
      github = fake.github;
      const [a, b] = [await appOctokit(github.host), await appOctokit(github.host)];

      const [ra, rb] = await Promise.all([recoverDeliveries(a, db.pool), recoverDeliveries(b, db.pool)]);

      expect(fake.asked.sort((x, y) => x - y)).toEqual([1, 3, 5, 7, 9]);
      expect(ra.redelivered + rb.redelivered).toBe(5);
    });
  });

  describe("with more failures than one run may redeliver", () => {
    it("asks for the bound, and for the rest at the next run", async () => {
      const deliveries = Array.from({ length: 6 }, (_, i) => delivery(i + 1, `g${i}`, 500, 10 - i));
      const fake = await startDeliveriesGitHub(deliveries);
      github = fake.github;
      const octokit = await appOctokit(github.host);

      expect((await recoverDeliveries(octokit, db.pool, { maxRedeliveries: 4 })).redelivered).toBe(4);
      expect((await recoverDeliveries(octokit, db.pool, { maxRedeliveries: 4 })).redelivered).toBe(2);
      expect(new Set(fake.asked).size).toBe(6);
      expect(fake.asked).toHaveLength(6);
    });
  });
});
