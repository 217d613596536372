import fc from "fast-check";
import { parseIncidentLinks } from "../../../src/dora/model/parse-incident-links.js";
import { toDoraIssue } from "../../../src/dora/to-dora-issue.js";
import { growthRatio } from "../../helpers/growth-ratio.js";

// Property-based fuzzing of the links DORA reads in incident issues, whose titles and bodies anyone who can open an
// issue writes: whatever the text, shas and deployment ids that can exist, no more of them than the text holds,
// never an exception, and time linear in the text.
const SEED = 20_261_209;
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom("deployment", "Deployments", "deployment #", "deployments/", ": ", "12", "99999999999999999999", "0", "abcdef1", "ABCDEF1234", "1234567", "a".repeat(41), "/commit/", "https://github.com/o/r/commit/", " ", "\n", "g", "@octo-org/team"),
      fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), maxLength: 12 }),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(""));

describe("incident links under fuzzing", () => {
  it("parseIncidentLinks answers lower-case shas of 7 to 40 hex digits (digits only inside a commit URL), and deployment ids that are safe integers", () => {
    fc.assert(
      fc.property(text, (body) => {
        const { linkedShas, linkedDeploymentIds } = parseIncidentLinks(body);
        for (const sha of linkedShas) {
          expect(sha).toMatch(/^[0-9a-f]{7,40}$/);
          // All digits: a ticket number, unless a commit URL says it is a sha.
          if (!/[a-f]/.test(sha)) expect(body.toLowerCase()).toContain(`/commit/${sha}`);
        }
        for (const id of linkedDeploymentIds) expect(Number.isSafeInteger(id) && id >= 0).toBe(true);
        expect(linkedShas.length * 7 + linkedDeploymentIds.length).toBeLessThanOrEqual(body.length);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it("leaves out a deployment number too large to be one (a bigint column would refuse it and fail the job)", () => {
    expect(parseIncidentLinks("deployment 99999999999999999999 and deployments/42").linkedDeploymentIds).toEqual([42]);
  });

  it("toDoraIssue reads an issues webhook's issue whatever its title, body and labels hold", () => {
    const odd = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("", "\u0000", "deployment 7", "x".repeat(300), "@octo-org/team"));
    fc.assert(
      fc.property(odd, fc.option(odd), fc.array(odd, { maxLength: 5 }), (title, body, labels) => {
        const issue = toDoraIssue({ number: 3, title, body, html_url: "https://github.com/o/r/issues/3", labels, created_at: "2026-12-01T00:00:00Z", closed_at: null });
        expect(issue).toMatchObject({ number: 3, title, labels, closedAt: null });
        expect(issue.createdAt.toISOString()).toBe("2026-12-01T00:00:00.000Z");
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it("is linear in the text (8× the text: about 8× the time, 64× if quadratic; failing past 32×)", () => {
    const attacks: Array<[string, (n: number) => string]> = [
      ["whitespace after the keyword", (n) => `deployment${" ".repeat(n)}x`],
      ["keyword runs", (n) => "deployments/#: ".repeat(n / 15)],
      ["hex runs", (n) => "abcdef0".repeat(n / 7)],
      ["digits after the keyword", (n) => `deployment ${"9".repeat(n)}x`],
    ];
    for (const [name, input] of attacks) {
      expect({ name, linear: growthRatio(parseIncidentLinks, input, 10_000, 8) < 32 }).toEqual({ name, linear: true });
    }
  });
});
