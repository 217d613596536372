import type { DoraFacts } from "../../src/dora/model/dora-facts.js";

/**
 * A small repository history with known deploys, commits, incidents and rollbacks (production unless said), over
 * two weeks: Monday 2026-03-02 and Monday 2026-03-09. The hand computation of every figure is in README.md here.
 *
 *   D101 a1  Mon 03-02 10:00  first deploy known: nothing to compare with, no changes
 *   D102 b2  Tue 03-03 10:00  PR #1 (first commit Mon 12:00; c11, c12, merge b2)              lead 22 h
 *   D103 d3  Tue 03-03 16:00  commit d3 (14:00)                                               lead  2 h
 *            incident #50 opened 18:00, links nothing, closed 22:00 → D103 failed (after-deploy), recovery 6 h
 *   D104 e4  Tue 03-03 21:00  commit e4 (20:30), made while D103 was failed → rework          lead  0.5 h
 *   D105 f5  Thu 03-05 10:00  commit f5 (Wed 10:00); failure status at 11:00 → failed         lead 24 h
 *   D106 96  Thu 03-05 13:00  commit 96 (12:00): the fixing deploy → D105 recovery 3 h; rework lead  1 h
 *   D107 97  Fri 03-06 10:00  staging: not measured
 *   D108 98  Mon 03-09 10:00  PR #2 (first commit Fri 03-06 10:00; p21, p22, merge 98)          lead 72 h
 *            regression on p95 latency confirmed, issue #60 closed on recovery 16:00 → failed, recovery 6 h
 *   D109 99  Tue 03-10 10:00  commit 99 (08:00)                                               lead  2 h
 *   D110 98  Tue 03-10 12:00  rollback to 98 (deployed before D109) → D109 failed, recovery 2 h; rework
 *   D111 11  Thu 03-12 10:00  compare lists 99 again (already D109's) and commit 11 (Wed 10:00) lead 24 h
 *            incident #51 opened 15:00 links sha 1111111 → D111 failed, still open
 *   D112 12  Fri 03-13 10:00  failure only, never succeeded: not a deploy
 */
export const sha = (name: string) => name.padEnd(40, name.at(-1));
const at = (text: string) => new Date(`2026-03-${text}:00Z`);

const deployment = (id: number, name: string, succeeded: string | null, extra: { environment?: string; failed?: string } = {}) => ({
  id,
  environment: extra.environment ?? "production",
  sha: sha(name),
  createdAt: at(succeeded ?? "13T09:00"),
  succeededAt: succeeded ? at(succeeded) : null,
  failedAt: extra.failed ? at(extra.failed) : null,
});

export const FIXTURE: DoraFacts = {
  deployments: [
    deployment(101, "a1", "02T10:00"),
    deployment(102, "b2", "03T10:00"),
    deployment(103, "d3", "03T16:00"),
    deployment(104, "e4", "03T21:00"),
    deployment(105, "f5", "05T10:00", { failed: "05T11:00" }),
    deployment(106, "96", "05T13:00"),
    deployment(107, "97", "06T10:00", { environment: "staging" }),
    deployment(108, "98", "09T10:00"),
    deployment(109, "99", "10T10:00"),
    deployment(110, "98", "10T12:00"),
    deployment(111, "11", "12T10:00"),
    deployment(112, "12", null),
  ],
  commits: [
    { deploymentId: 102, sha: sha("c11"), committedAt: at("02T12:00") },
    { deploymentId: 102, sha: sha("c12"), committedAt: at("02T18:00") },
    { deploymentId: 102, sha: sha("b2"), committedAt: at("03T09:00") },
    { deploymentId: 103, sha: sha("d3"), committedAt: at("03T14:00") },
    { deploymentId: 104, sha: sha("e4"), committedAt: at("03T20:30") },
    { deploymentId: 105, sha: sha("f5"), committedAt: at("04T10:00") },
    { deploymentId: 106, sha: sha("96"), committedAt: at("05T12:00") },
    { deploymentId: 107, sha: sha("97"), committedAt: at("06T09:00") },
    { deploymentId: 108, sha: sha("a21"), committedAt: at("06T10:00") },
    { deploymentId: 108, sha: sha("a22"), committedAt: at("07T10:00") },
    { deploymentId: 108, sha: sha("98"), committedAt: at("09T09:00") },
    { deploymentId: 109, sha: sha("99"), committedAt: at("10T08:00") },
    { deploymentId: 111, sha: sha("99"), committedAt: at("10T08:00") },
    { deploymentId: 111, sha: sha("11"), committedAt: at("11T10:00") },
  ],
  pulls: [
    { number: 1, mergeCommitSha: sha("b2"), shas: [sha("c11"), sha("c12")], firstCommitAt: at("02T12:00") },
    { number: 2, mergeCommitSha: sha("98"), shas: [sha("a21"), sha("a22")], firstCommitAt: at("06T10:00") },
  ],
  incidents: [
    { number: 50, url: "https://github.com/octo-org/shop/issues/50", createdAt: at("03T18:00"), closedAt: at("03T22:00"), linkedShas: [], linkedDeploymentIds: [] },
    { number: 51, url: "https://github.com/octo-org/shop/issues/51", createdAt: at("12T15:00"), closedAt: null, linkedShas: ["1111111"], linkedDeploymentIds: [] },
  ],
  regressions: [{ deploymentId: 108, metric: "p95 latency", issueNumber: 60, recoveredAt: at("09T16:00") }],
};

export const FIXTURE_RANGE = { from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-16T00:00:00Z") };
