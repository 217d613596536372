import fc from "fast-check";
import { parseFeedbackCommand } from "../../../src/feedback/model/parse-feedback-command.js";
import { renderFeedbackTemplate } from "../../../src/feedback/templates.js";
import { growthRatio } from "../../helpers/growth-ratio.js";
import { liveUserText } from "../../helpers/live-markdown.js";

// Property-based fuzzing of `/kaizen` comments, which anyone who can comment writes: whatever the text, an answer of
// the documented shape (or null), never an exception, output no longer than the comment, time linear in its size,
// and a reply that mentions, references and links nothing but its addressee.
const SEED = 20_261_207;
const HOSTILE = ["@octo-org/security-team", "[Fix here](https://evil.example/login)", "closes #1", "<!-- kaizen:pr -->", "<img src=x>", "`", "``", "GH-12", "www.evil.example", "\\"];
const comment = fc
  .array(
    fc.oneof(
      fc.constantFrom("/kaizen", "/KAIZEN", "false-alarm", "missed", "mute", "unmute", "undo", "frob", "p95 latency", "2d", "12h", "91d", "0m", "—", "–", "--", "-", " ", "  ", "\t", "\n", "\r\n"),
      fc.constantFrom(...HOSTILE),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 16 },
  )
  .map((tokens) => tokens.join(""));

/** The comment the parse of `body` leads Kaizen to write, for the kinds that quote what the commenter wrote. */
function replyTo(body: string): string | null {
  const command = parseFeedbackCommand(body);
  if (command?.kind === "usage") return renderFeedbackTemplate("feedback-help", { login: "octocat", problem: command.problem });
  if (command?.kind === "mute") return renderFeedbackTemplate("feedback-muted", { login: "octocat", subject: command.subject, until: new Date(0), reason: command.reason });
  if (command?.kind === "unmute") return renderFeedbackTemplate("feedback-unmuted", { login: "octocat", subject: command.subject });
  return null;
}

describe("/kaizen comments under fuzzing", () => {
  it("parse to null or a command of the documented kinds, whose text is the comment's own, trimmed", () => {
    fc.assert(
      fc.property(comment, (body) => {
        const command = parseFeedbackCommand(body);
        if (command === null) return;
        expect(["false-alarm", "missed", "mute", "unmute", "undo", "usage"]).toContain(command.kind);
        for (const text of Object.values(command).filter((v): v is string => typeof v === "string" && v !== command.kind)) {
          expect(text.trim()).toBe(text);
          expect(text.length).toBeLessThanOrEqual(Math.max(body.length, 200));
        }
        if (command.kind === "usage") expect(command.problem.length).toBeLessThanOrEqual(200);
        if (command.kind === "mute") expect(command.durationMs).toBeGreaterThan(0);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it("lead to replies that mention, reference and link nobody but their addressee", () => {
    fc.assert(
      fc.property(comment, (body) => {
        const reply = replyTo(body);
        if (reply !== null) expect(liveUserText(reply, { allowMentions: ["octocat"] })).toEqual([]);
      }),
      { numRuns: 1500, seed: SEED },
    );
  });

  it("quote an unknown command briefly, however long the word", () => {
    expect(parseFeedbackCommand(`/kaizen ${"x".repeat(60_000)}`)).toEqual({ kind: "usage", problem: `\`${"x".repeat(40)}…\` is not a Kaizen command.` });
  });

  it("parse in time linear in the comment (8× the text: about 8× the time, 64× if quadratic; failing past 32×)", () => {
    const attacks: Array<[string, (n: number) => string]> = [
      ["whitespace before no dash", (n) => `/kaizen mute p95 ${" ".repeat(n)}2d`],
      ["whitespace runs between words", (n) => `/kaizen false-alarm ${"a \t".repeat(n / 3)}`],
      ["dashes without space", (n) => `/kaizen false-alarm ${"a-".repeat(n / 2)} x`],
      ["a long verb", (n) => `/kaizen ${"v".repeat(n)}`],
    ];
    for (const [name, input] of attacks) {
      expect({ name, linear: growthRatio(parseFeedbackCommand, input, 10_000, 8) < 32 }).toEqual({ name, linear: true });
    }
  });
});
