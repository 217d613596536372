/** GitHub's refusal of a compare or commit read that names a commit it cannot place, in words for a person. */
export interface UnknownCommit {
  unknownCommit: string;
}

/**
 * The GitHub call's result, or why GitHub could not answer it when the commits it names are the problem: 404 (a
 * sha the repository does not have — a force-push dropped it, or a deploy of a commit never pushed — or two shas
 * with no common history) or 422 (a sha GitHub refuses to look up). Callers record that as a fact about the data
 * instead of retrying a job that can never succeed. Every other error (5xx, rate limits, permissions) is thrown.
 */
export async function unlessUnknownCommit<T>(call: Promise<T>): Promise<T | UnknownCommit> {
  try {
    return await call;
  } catch (error) {
    const { status, message } = error as { status?: number; message?: string };
    if (status !== 404 && status !== 422) throw error;
    return { unknownCommit: `GitHub answered ${status}: ${firstLine(message) || "Not Found"}` };
  }
}

/** Whether a result of {@link unlessUnknownCommit} is GitHub's refusal rather than its answer. */
export function isUnknownCommit(result: unknown): result is UnknownCommit {
  return typeof result === "object" && result !== null && "unknownCommit" in result;
}

// Octokit appends " - https://docs.github.com/…" to GitHub's message; the message is what a person needs.
function firstLine(message: string | undefined): string {
  return (message ?? "").split("\n")[0]!.replace(/\s+-\s+https:\/\/docs\.github\.com\S*$/, "").slice(0, 200);
}
