import { templateRenderer } from "../markdown/render-template.js";

/** templates/feedback/: each template's context type, keyed by its file name without `.md.hbs`. */
export interface FeedbackTemplates {
  "feedback-help": { login: string; problem: string };
  "feedback-refused": { login: string; action: string };
  "feedback-marked": FeedbackMarkedContext;
  "feedback-undone": FeedbackUndoneContext;
  "feedback-muted": { login: string; subject: string; until: Date; reason: string };
  "feedback-unmuted": { login: string; subject: string };
  "feedback-closed": { login: string; pull: number; reason: string };
}

export const renderFeedbackTemplate = templateRenderer<FeedbackTemplates>("feedback");

/** One verdict as a reply names it. */
export interface MarkedVerdict {
  metricName: string;
  environment: string | null;
  /** The threshold the verdict was made with, as people read it; null when unknown. */
  setting: string | null;
  /** Who marked it so before, and when ("octocat on 2026-11-02"), when it was; nothing new is recorded then. */
  earlier: string | null;
}

/** The reply to a mark (templates/feedback/feedback-marked.md.hbs). */
export interface FeedbackMarkedContext {
  login: string;
  missed: boolean;
  reason: string;
  marks: MarkedVerdict[];
  /** The issue was closed as not planned. */
  closed: boolean;
  /** What auto-tuning changed because of it, one sentence each. */
  tuning: string[];
}

/** The reply to `/kaizen undo` (templates/feedback/feedback-undone.md.hbs). */
export interface FeedbackUndoneContext {
  login: string;
  marks: Array<{ kind: "false-alarm" | "missed"; metricName: string; environment: string | null; actor: string }>;
  /** The issues reopened: this one (`here`), or one a pull request's mark had closed. */
  reopened: Array<{ number: number; here: boolean }>;
  tuning: string[];
}

/** A reply, ready to render: which template with which context. */
export type FeedbackReply = { [N in keyof FeedbackTemplates]: { template: N; context: FeedbackTemplates[N] } }[keyof FeedbackTemplates];

/** Renders a reply. */
export function renderFeedbackReply(reply: FeedbackReply): string {
  return renderFeedbackTemplate(reply.template, reply.context as never);
}
