import { z } from "zod";
import { durationValue, fixHints } from "../config-fields.js";

/** Improvement issues Kaizen opens and closes. */
export const IssuesConfig = z.strictObject({
  enabled: z.boolean().default(true).meta({ description: "Open an issue for each regression and close it on recovery." }),
  labels: z
    .array(z.string().min(1))
    .prefault(["performance"])
    .meta({ description: "Labels put on those issues, in addition to `kaizen`, which Kaizen always adds." }),
  confirm: z
    .union([z.literal(0), durationValue()])
    .register(fixHints, { fix: "Use `0` to open issues at once, or a duration like `30m` or `1h`." })
    .prefault("30m")
    .meta({
      description:
        "Open an issue only once a later window of this length, right after the measured one, shows the same regression; `0` opens it at once. The PR comment and check run never wait. A duration like `30m`, or `0`.",
    }),
});
