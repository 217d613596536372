import type { BenchmarkProblem } from "../store/benchmark-runs.js";
import { closestName } from "../../config/closest-name.js";
import type { GitHubClient } from "../../github/github-client.js";
import { ARTIFACT_LIMITS, formatBytes } from "./artifact-limits.js";

const code = (text: string): string => `\`${text}\``;
const UPLOAD_STEP = "`actions/upload-artifact`";

/** The artifact's zip, or why there is none to read (worded for the repository owner, with the fix). */
export type DownloadedArtifact = { zip: Uint8Array } | { problem: BenchmarkProblem };

function missing(name: string, available: string[]): BenchmarkProblem {
  const guess = closestName(name, available);
  const uploaded = available.length === 0 ? "no artifacts" : `only ${available.map(code).join(", ")}`;
  return {
    file: name,
    line: null,
    reason: `The run uploaded ${uploaded}, no artifact named ${code(name)}.`,
    fix:
      `${guess ? `Did you mean ${code(guess)}? Set \`benchmarks.artifact: ${guess}\`, or upload` : "Upload"} the result ` +
      `files in this workflow with ${UPLOAD_STEP} and \`name: ${name}\`, after the step that runs the benchmarks.`,
  };
}

function expired(name: string, expiredAt: string | null): BenchmarkProblem {
  return {
    file: name,
    line: null,
    reason: `The artifact expired${expiredAt ? ` on ${expiredAt.slice(0, 10)}` : ""} before Kaizen could read it.`,
    fix: `Re-run the workflow, or keep artifacts longer with \`retention-days:\` on ${UPLOAD_STEP}.`,
  };
}

function tooLarge(name: string, bytes: number): BenchmarkProblem {
  return {
    file: name,
    line: null,
    reason: `The artifact is ${formatBytes(bytes)}; Kaizen reads artifacts of up to ${formatBytes(ARTIFACT_LIMITS.zipBytes)}.`,
    fix: `Upload only the benchmark result files (not build outputs or logs) in ${code(name)}.`,
  };
}

const statusOf = (error: unknown): number | undefined => (error as { status?: number } | null)?.status;

/**
 * Finds the artifact `name` among a workflow run's artifacts and downloads its zip with the installation's
 * token. That works for runs of pull requests from forks too: the run, and so its artifacts, belong to the
 * base repository. GitHub answers the download with a redirect to short-lived blob storage, which the
 * client follows. Failures talking to GitHub throw (the job retries); what the owner must fix is a problem.
 */
export async function downloadArtifact(
  octokit: GitHubClient,
  target: { owner: string; repo: string; runId: number; name: string },
): Promise<DownloadedArtifact> {
  const { owner, repo, runId, name } = target;
  const artifacts = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
    owner,
    repo,
    run_id: runId,
    per_page: 100,
  });
  const named = artifacts.filter((artifact) => artifact.name === name);
  // Older upload-artifact versions could upload one name twice; any unexpired copy will do.
  const artifact = named.find((a) => !a.expired) ?? named[0];
  if (!artifact) return { problem: missing(name, [...new Set(artifacts.map((a) => a.name))]) };
  if (artifact.expired) return { problem: expired(name, artifact.expires_at) };
  if (artifact.size_in_bytes > ARTIFACT_LIMITS.zipBytes) return { problem: tooLarge(name, artifact.size_in_bytes) };

  try {
    const { data } = await octokit.rest.actions.downloadArtifact({
      owner,
      repo,
      artifact_id: artifact.id,
      archive_format: "zip",
    });
    const zip = new Uint8Array(data as ArrayBuffer);
    return zip.byteLength > ARTIFACT_LIMITS.zipBytes ? { problem: tooLarge(name, zip.byteLength) } : { zip };
  } catch (error) {
    // Expired or deleted between the listing and the download.
    if (statusOf(error) === 410) return { problem: expired(name, artifact.expires_at) };
    if (statusOf(error) === 404) {
      const reason = "The artifact was deleted before Kaizen could read it.";
      return { problem: { file: name, line: null, reason, fix: "Re-run the workflow." } };
    }
    throw error;
  }
}
