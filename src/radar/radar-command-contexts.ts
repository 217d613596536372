/** The announcement of a move made with `/radar move` (templates/radar-command-moved.md.hbs). */
export interface RadarCommandMovedContext {
  marker: string;
  /** Ring names as people read them ("Assess"). */
  from: string;
  to: string;
  login: string;
  reason: string;
}

/** The reply to someone without write access (templates/radar-command-refused.md.hbs). */
export interface RadarCommandRefusedContext {
  login: string;
  /** The ring the item stays in, as people read it. */
  ring: string;
  /** The label someone with access could add instead, like `ring:trial`. */
  ringLabel: string;
}

/** The reply to a command that moves nothing, with how to write one (templates/radar-command-help.md.hbs). */
export interface RadarCommandHelpContext {
  login: string;
  /** A sentence that follows "@login, ". */
  problem: string;
  rings: string[];
  /** A ring for the example. */
  example: string;
}
