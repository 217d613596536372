import { listDoraDeployments, recordDoraDeploymentStatus, type DoraDeploymentStatus } from "../../../src/dora/store/dora-deployments.js";
import { useTestDatabase } from "../../helpers/test-database.js";

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute));
const status = (id: number, state: string, minute: number): DoraDeploymentStatus => ({
  repoId: 77,
  owner: "octo-org",
  repo: "shop",
  installationId: 5,
  githubDeploymentId: id,
  environment: "production",
  sha: `sha-${id}`,
  ref: "main",
  createdAt: at(0),
  state,
  at: at(minute),
});

describe("recordDoraDeploymentStatus", () => {
  const db = useTestDatabase();

  it("records a burst of statuses arriving together, several of one deployment, as if they came one by one", async () => {
    const burst = [
      status(1, "pending", 1), status(1, "success", 2), status(1, "failure", 5),
      status(2, "success", 3), status(2, "success", 1),
      status(3, "failure", 4),
      status(4, "failure", 1), status(4, "success", 6),
    ];
    const recorded = await Promise.all(burst.map((s) => recordDoraDeploymentStatus(db.pool, s)));
    expect(recorded.map((r) => r.succeeded)).toEqual([false, true, true, true, true, false, false, true]);
    expect(recorded.every((r) => r.changed)).toBe(true);
    expect(await listDoraDeployments(db.pool, 77)).toEqual([
      expect.objectContaining({ id: 1, succeededAt: at(2), failedAt: at(5) }),
      // The earliest success wins, whichever came first.
      expect.objectContaining({ id: 2, succeededAt: at(1), failedAt: null }),
      expect.objectContaining({ id: 3, succeededAt: null, failedAt: null }),
      // A failure before it ever succeeded does not mark it failed.
      expect.objectContaining({ id: 4, succeededAt: at(6), failedAt: null }),
    ]);

    // Delivered again: nothing changes.
    const again = await Promise.all(burst.map((s) => recordDoraDeploymentStatus(db.pool, s)));
    expect(again.some((r) => r.changed)).toBe(false);
  });
});
