import { z } from "zod";
import { fixHints } from "../config-fields.js";

/** DORA's five keys, computed from the repository's deployments, pull requests and incident issues. */
export const DoraConfig = z.strictObject({
  production: z
    .array(z.string().trim().min(1))
    .min(1)
    .prefault(["production"])
    .meta({
      description:
        "Deployment environments that count as production for the keys, by name (case-insensitive); `*` matches any run of characters, like `prod-*`.",
    })
    .register(fixHints, { fix: "List environment names as GitHub Deployments spell them, like `[production]` or `[prod-*]`." }),
  incident_label: z
    .string()
    .trim()
    .min(1)
    .default("incident")
    .meta({ description: "Issues with this label are incidents: each marks the deployment it links (or the last one before it) as failed." }),
  digest: z
    .boolean()
    .default(false)
    .meta({ description: "Keep a weekly digest issue with the week's five keys, one issue per week updated in place after each production deploy." }),
});

/** Whether `environment` is one of the configured production environments (names or `*` patterns). */
export function isProductionEnvironment(production: readonly string[], environment: string): boolean {
  return production.some((pattern) => {
    const source = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
    return new RegExp(`^${source}$`, "i").test(environment);
  });
}
