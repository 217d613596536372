import { strToU8, zipSync, type Zippable } from "fflate";
import nock from "nock";
import { GITHUB_API } from "./nock-github.js";

/**
 * GitHub calls of the benchmark flow (artifacts, pulls of a commit, compare, commits), bound to one repository:
 * `const { nockListArtifacts } = benchmarkNocks(repo)`.
 */
export function benchmarkNocks(repo: { owner: string; repo: string }) {
  const REPO_PATH = `/repos/${repo.owner}/${repo.repo}`;
  const BLOB_HOST = "https://productionresultssa1.blob.core.windows.net";
  /** GET a run's artifacts; each artifact gets the id and size it is given (defaults: 1 KiB, unexpired). */
  function nockListArtifacts(runId: number, artifacts: Array<{ id: number; name: string; expired?: boolean; size?: number }>) {
    return nock(GITHUB_API)
      .get(`${REPO_PATH}/actions/runs/${runId}/artifacts`)
      .query({ per_page: "100" })
      .reply(200, {
        total_count: artifacts.length,
        artifacts: artifacts.map((a) => ({
          id: a.id,
          name: a.name,
          size_in_bytes: a.size ?? 1024,
          expired: a.expired ?? false,
          expires_at: "2026-11-01T00:00:00Z",
          archive_download_url: `${GITHUB_API}${REPO_PATH}/actions/artifacts/${a.id}/zip`,
        })),
      });
  }

  /** GET an artifact's zip: GitHub redirects to blob storage, which serves the bytes. */
  function nockDownloadArtifact(artifactId: number, zip: Uint8Array) {
    const blobPath = `/actions-results/artifact-${artifactId}.zip`;
    const api = nock(GITHUB_API)
      .get(`${REPO_PATH}/actions/artifacts/${artifactId}/zip`)
      .reply(302, "", { location: `${BLOB_HOST}${blobPath}?sig=signed` });
    const blob = nock(BLOB_HOST)
      .get(blobPath)
      .query({ sig: "signed" })
      .reply(200, Buffer.from(zip), { "content-type": "application/zip" });
    return [api, blob];
  }

  function zipFiles(files: Record<string, string>): Uint8Array {
    const entries: Zippable = {};
    for (const [name, text] of Object.entries(files)) entries[name] = strToU8(text);
    return zipSync(entries);
  }

  /* GitHub calls of the compare step that the shared builders do not cover. */
  function nockPullsForCommit(head: string, pulls: Array<{ number: number; base?: string; headSha?: string; state?: string }>) {
    return nock(GITHUB_API)
      .get(`${REPO_PATH}/commits/${head}/pulls`)
      .query({ per_page: "100" })
      .reply(200, pulls.map((p) => pullJson(p.number, p.headSha ?? head, p.base ?? "main", p.state)));
  }
  function nockForkPulls(headRef: string, pulls: Array<{ number: number; head: string }>) {
    return nock(GITHUB_API)
      .get(`${REPO_PATH}/pulls`)
      .query({ head: headRef, state: "open", per_page: "100" })
      .reply(200, pulls.map((p) => pullJson(p.number, p.head, "main")));
  }
  function pullJson(number: number, head: string, base: string, state = "open") {
    return { number, state, html_url: `https://github.com/${repo.owner}/${repo.repo}/pull/${number}`, head: { sha: head }, base: { ref: base } };
  }
  function nockCompare(base: string, head: string, mergeBase: string) {
    return nock(GITHUB_API)
      .get(`${REPO_PATH}/compare/${base}...${head}`)
      .query({ per_page: "1" })
      .reply(200, { merge_base_commit: { sha: mergeBase }, commits: [] });
  }
  /** GET compare of two commits for their order only: `head` is ahead of, behind, identical to or diverged from `base`. */
  function nockCommitOrder(base: string, head: string, status: "ahead" | "behind" | "identical" | "diverged") {
    return nock(GITHUB_API)
      .get(`${REPO_PATH}/compare/${base}...${head}`)
      .query({ per_page: "1" })
      .reply(200, { status, merge_base_commit: { sha: status === "ahead" ? base : head }, commits: [] });
  }
  function nockCommits(from: string, perPage: number, shas: string[]) {
    return nock(GITHUB_API)
      .get(`${REPO_PATH}/commits`)
      .query({ sha: from, per_page: String(perPage) })
      .reply(200, shas.map((s) => ({ sha: s })));
  }
  function nockDefaultBranch(branch = "main") {
    return nock(GITHUB_API).get(REPO_PATH).reply(200, { default_branch: branch });
  }

  return {
    nockListArtifacts,
    nockDownloadArtifact,
    zipFiles,
    nockPullsForCommit,
    nockForkPulls,
    pullJson,
    nockCompare,
    nockCommitOrder,
    nockCommits,
    nockDefaultBranch,
  };
}
