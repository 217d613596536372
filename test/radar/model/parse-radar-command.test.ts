import { parseRadarCommand } from "../../../src/radar/model/parse-radar-command.js";

const RINGS = ["adopt", "trial", "assess", "hold", "on-hold"];

describe("parseRadarCommand", () => {
  it.each([
    ["/radar move trial — ran it in two teams", "trial", "ran it in two teams"],
    ["/radar move trial – en dash", "trial", "en dash"],
    ["/radar move trial -- two hyphens", "trial", "two hyphens"],
    ["/radar move trial - one hyphen", "trial", "one hyphen"],
    ["/radar move trial—glued em dash", "trial", "glued em dash"],
    ["/radar move Trial — ring in another case", "trial", "ring in another case"],
    ["/RADAR MOVE ADOPT — shouting", "adopt", "shouting"],
    ["  \n/radar move hold — leading blank line", "hold", "leading blank line"],
    ["/radar move on-hold - a ring with a hyphen", "on-hold", "a ring with a hyphen"],
    ["/radar move assess without a dash", "assess", "without a dash"],
    ["/radar move trial — first line only\r\nmore context below", "trial", "first line only"],
    ["/radar   move   trial   —   spaced out  ", "trial", "spaced out"],
  ])("reads %j as a move to %s", (body, ring, reason) => {
    expect(parseRadarCommand(body, RINGS)).toEqual({ kind: "move", ring, reason });
  });

  it.each(["/radar move trial", "/radar move trial —", "/radar move trial --  ", "/radar move trial\nthe reason on line 2"])(
    "reads %j as a move without its reason",
    (body) => {
      expect(parseRadarCommand(body, RINGS)).toEqual({ kind: "missing-reason", ring: "trial" });
    },
  );

  it.each([
    ["/radar move later — someday", "later"],
    ["/radar move trial, — a comma", "trial,"],
  ])("reads %j as an unknown ring %j", (body, given) => {
    expect(parseRadarCommand(body, RINGS)).toEqual({ kind: "unknown-ring", given });
  });

  it.each(["/radar", "/radar move", "/radar move   ", "/radar move — no ring", "/radar move -- no ring", "/radar retire — old", "/Radar help"])("reads %j as a usage question", (body) => {
    expect(parseRadarCommand(body, RINGS)).toEqual({ kind: "usage" });
  });

  it.each(["", null, undefined, "I think /radar move trial — is right", "/radars move trial — x", "> /radar move trial — quoted"])(
    "ignores %j",
    (body) => {
      expect(parseRadarCommand(body, RINGS)).toBeNull();
    },
  );
});
