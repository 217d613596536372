/**
 * The rules behind every figure, named so a team can check a number against its own history. The JSON, CSV, CLI
 * and digest all quote these texts; docs/dora.md explains each one.
 */
export const DORA_RULES = {
  "deployment-frequency":
    "deploys: deployments to the measured environments with a success status, counted at their first success; deployment days: distinct UTC days with at least one",
  "change-lead-time":
    "per change (a merged pull request, or a commit outside any) from its first commit to the first successful deploy whose compare with the previous successful deploy lists it; median, and p90 by nearest rank",
  "change-fail-rate": "failed deploys / deploys; a deploy fails by any of the failure rules",
  "failed-deployment-recovery-time":
    "per failed deploy, from its success to the last recovery of its failure rules; median over recovered ones, open ones counted apart",
  "deployment-rework-rate":
    "rework deploys / deploys; a rework deploy is one made after a failed deploy and no later than that failure's recovery (unplanned, to fix it)",
} as const;

/** Why a deploy counts as failed. */
export const FAILURE_RULES = {
  "confirmed-regression": "a Kaizen regression on it was confirmed by a later window; recovered when its improvement issue closed on recovery",
  "incident-link": "an incident issue links it (its sha or deployment id); recovered when the incident closed",
  "incident-after-deploy":
    "an incident issue linking no deploy was opened after it, and it was the latest successful deploy before (DevLake's rule); recovered when the incident closed",
  "failed-after-success": "a failure or error status came after its success; recovered by the next successful deploy (the fixing deploy)",
  rollback: "the next deploy went back to a sha deployed before it; recovered by that rollback deploy",
} as const;

export type DoraKey = keyof typeof DORA_RULES;
export type FailureRule = keyof typeof FAILURE_RULES;
