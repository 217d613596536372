import { parseFeedbackCommand } from "../../../src/feedback/model/parse-feedback-command.js";

describe("parseFeedbackCommand", () => {
  it.each([
    ["/kaizen false-alarm — runner jitter", { kind: "false-alarm", metric: null, reason: "runner jitter" }],
    ["/kaizen false-alarm p95 latency -- cold cache\nmore words", { kind: "false-alarm", metric: "p95 latency", reason: "cold cache" }],
    ["/KAIZEN False-Alarm error-rate - noise", { kind: "false-alarm", metric: "error-rate", reason: "noise" }],
    ["/kaizen missed p95 latency — users saw it", { kind: "missed", metric: "p95 latency", reason: "users saw it" }],
    ["/kaizen mute BenchmarkParse/small 12h — flaky runner", { kind: "mute", subject: "BenchmarkParse/small", durationMs: 12 * 3_600_000, reason: "flaky runner" }],
    ["/kaizen mute p95 latency 1d12h – load test", { kind: "mute", subject: "p95 latency", durationMs: 36 * 3_600_000, reason: "load test" }],
    ["/kaizen unmute p95 latency", { kind: "unmute", subject: "p95 latency" }],
    ["  /kaizen undo", { kind: "undo" }],
  ])("reads %j", (body, expected) => {
    expect(parseFeedbackCommand(body)).toEqual(expected);
  });

  it.each([
    ["/kaizen false-alarm", "please say why"],
    ["/kaizen missed — why", "please name the metric Kaizen missed."],
    ["/kaizen missed latency", "please say why"],
    ["/kaizen mute latency — why", "please name the metric or benchmark, then how long"],
    ["/kaizen mute 2d — why", "please name the metric or benchmark, then how long"],
    ["/kaizen mute latency 91d — why", "a mute lasts between a minute and 90d"],
    ["/kaizen mute latency 2d", "please say why"],
    ["/kaizen unmute", "please name the metric or benchmark to unmute."],
    ["/kaizen fro`b x", "`frob` is not a Kaizen command."],
    ["/kaizen", "which command?"],
  ])("explains %j", (body, problem) => {
    const parsed = parseFeedbackCommand(body);
    expect(parsed).toMatchObject({ kind: "usage" });
    expect(parsed && "problem" in parsed ? parsed.problem : "").toContain(problem);
  });

  it.each(["/radar move trial — x", "see /kaizen undo", "", null])("is not a command: %j", (body) => {
    expect(parseFeedbackCommand(body)).toBeNull();
  });
});
