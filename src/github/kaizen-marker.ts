/**
 * A hidden HTML comment that identifies something Kaizen wrote, e.g. `<!-- kaizen:issue:<fingerprint> -->`, so a
 * later run finds and updates it instead of writing a duplicate. The key is URI-encoded: whatever a user named an
 * environment, it cannot end the comment early. Kaizen's one comment on a pull request is `<!-- kaizen:pr -->`;
 * `deployment` is the per-environment comment of earlier versions, still recognised so it can be reused.
 */
export function kaizenMarker(kind: "pr"): string;
export function kaizenMarker(
  kind:
    | "deployment"
    | "issue"
    | "evidence"
    | "radar-review"
    | "radar-moved"
    | "radar-problem"
    | "radar-refused"
    | "radar-reply"
    | "dora-digest"
    | "experiment-problem"
    | "experiment-outcome"
    | "feedback"
    | "feedback-answer",
  key: string,
): string;
export function kaizenMarker(kind: string, key?: string): string {
  return key === undefined ? `<!-- kaizen:${kind} -->` : `<!-- kaizen:${kind}:${encodeURIComponent(key)} -->`;
}
