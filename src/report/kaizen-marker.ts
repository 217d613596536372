/**
 * A hidden HTML comment that identifies something Kaizen wrote, e.g. `<!-- kaizen:deployment:production -->`,
 * so a later run finds and updates it instead of writing a duplicate. The key is URI-encoded: whatever a user
 * named an environment, it cannot end the comment early.
 */
export function kaizenMarker(kind: "deployment" | "issue" | "evidence", key: string): string {
  return `<!-- kaizen:${kind}:${encodeURIComponent(key)} -->`;
}
