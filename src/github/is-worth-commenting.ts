import type { Verdict } from "../analysis/verdict.js";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";

/**
 * Whether these verdicts are worth a *first* comment on a pull request under the `comment:` policy. An existing
 * comment is updated whatever they are, so it never shows stale verdicts (publishPrSection's createIfMissing).
 */
export function isWorthCommenting(verdicts: readonly Verdict[], policy: KaizenConfig["comment"]): boolean {
  return (
    policy === "always" ||
    verdicts.includes("regression") ||
    (policy === "on-change" && verdicts.includes("improvement"))
  );
}
