import { upsertDeployment } from "../../../src/db/deployments.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.js";
import { aDeployment } from "./seed-evaluation.js";

describe("upsertDeployment", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("stores a new deployment and returns it, GitHub-sized ids as numbers", async () => {
    const input = aDeployment();
    const row = await upsertDeployment(db.pool, input);
    expect(row).toEqual({ ...input, id: expect.any(Number), createdAt: expect.any(Date) });
  });

  it("returns the same row for the same GitHub deployment, refreshing what can change", async () => {
    const input = aDeployment();
    const first = await upsertDeployment(db.pool, input);
    const again = await upsertDeployment(db.pool, { ...input, repo: "shop-renamed", url: null, installationId: 7 });
    expect(again).toEqual({ ...first, repo: "shop-renamed", installationId: 7 }); // url kept: the new one is null
    const { rows } = await db.pool.query("select count(*)::int as n from deployments where repo_id = $1", [input.repoId]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("keeps deployments of different repositories apart even with the same GitHub deployment id", async () => {
    const a = await upsertDeployment(db.pool, aDeployment({ githubDeploymentId: 77 }));
    const b = await upsertDeployment(db.pool, aDeployment({ githubDeploymentId: 77 }));
    expect(a.id).not.toBe(b.id);
  });
});
