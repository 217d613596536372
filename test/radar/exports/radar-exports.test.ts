import { ExportNotPossible } from "../../../src/radar/exports/export-not-possible.js";
import { movedSinceReview } from "../../../src/radar/model/moved-since-review.js";
import { radarExportBackstage } from "../../../src/radar/exports/radar-export-backstage.js";
import { radarExportByorCsv } from "../../../src/radar/exports/radar-export-byor-csv.js";
import { radarExportJson } from "../../../src/radar/exports/radar-export-json.js";
import { radarExportZalando } from "../../../src/radar/exports/radar-export-zalando.js";
import { trendExportCsv } from "../../../src/radar/exports/trend-export-csv.js";
import { trendExportJson } from "../../../src/radar/exports/trend-export-json.js";
import { radarSnapshotFixture } from "../radar-snapshot-fixture.js";
import { parseCsv } from "./parse-csv.js";
import { zalandoViewerProblems } from "./zalando-viewer-contract.js";

describe("radar exports", () => {
  const snapshot = radarSnapshotFixture();

  describe("movedSinceReview", () => {
    it.each([
      [1, "in"],
      [2, null],
      [3, "out"],
      [4, "new"],
    ])("item #%i moved %s since the review", (number, moved) => {
      const item = snapshot.items.find((i) => i.number === number)!;
      expect(movedSinceReview(item, snapshot.rings, snapshot.lastReview!.createdAt)).toBe(moved);
    });

    it("is null for every item before the first review", () => {
      expect(snapshot.items.map((item) => movedSinceReview(item, snapshot.rings, null))).toEqual(snapshot.items.map(() => null));
    });

    it("counts an item retired at the review and active now as new", () => {
      const item = { ...snapshot.items[1]!, movements: [{ field: "status" as const, from: "retired", to: "active", actor: null, reason: null, movedAt: new Date("2026-08-01T00:00:00Z") }] };
      expect(movedSinceReview(item, snapshot.rings, snapshot.lastReview!.createdAt)).toBe("new");
    });
  });

  describe("json", () => {
    it("lists every item with its status, move and history", () => {
      const json = radarExportJson(snapshot);
      expect(json.lastReview).toEqual({ number: 40, url: "https://github.com/octo-org/shop/issues/40", createdAt: "2026-07-06T09:00:00.000Z" });
      expect(json.items.map((i) => [i.number, i.ring, i.quadrant, i.status, i.moved])).toEqual([
        [1, "adopt", "languages-and-frameworks", "active", "in"],
        [2, "trial", "platforms", "active", null],
        [3, "hold", "tools", "active", "out"],
        [4, "assess", "platforms", "active", "new"],
        [5, "hold", "tools", "retired", null],
        [6, null, "tools", "pending", null],
      ]);
      expect(json.items[0]!.history).toEqual([
        { field: "ring", from: null, to: "trial", actor: "octocat", reason: null, movedAt: "2026-01-10T10:00:00.000Z" },
        { field: "ring", from: "trial", to: "adopt", actor: "hubot", reason: "every service uses it", movedAt: "2026-08-01T12:00:00.000Z" },
      ]);
    });

    it("lists the experiments that mention each item, with their issue links and states", () => {
      const json = radarExportJson(snapshot);
      expect(json.items.map((i) => [i.number, i.experiments.map((e) => `${e.number}:${e.state}`)])).toEqual([
        [1, ["50:confirmed"]],
        [2, []],
        [3, []],
        [4, ["51:pending", "52:refuted"]],
        [5, []],
        [6, []],
      ]);
      expect(json.items[0]!.experiments[0]).toEqual({ number: 50, title: "Strict mode cuts <errors>", url: "https://github.com/octo-org/shop/issues/50", state: "confirmed" });
    });
  });

  describe("byor-csv", () => {
    it("writes the Build Your Own Radar columns for the active items, with status relative to the last review", () => {
      expect(radarExportByorCsv(snapshot)).toBe(
        [
          "name,ring,quadrant,isNew,status,description",
          'TypeScript,adopt,languages-and-frameworks,FALSE,Moved In,"Typed JavaScript, ""strict"" mode, everywhere"',
          'Kubernetes,trial,platforms,FALSE,No Change,"Runs, our, containers"',
          "Jenkins,hold,tools,FALSE,Moved Out,",
          "Bun,assess,platforms,TRUE,New,",
          "",
        ].join("\r\n"),
      );
    });

    // What BYOR's own reader needs (thoughtworks/build-your-own-radar: src/util/contentValidator.js, src/models/blip.js,
    // README "Want to show blip movement information?"): headers name, ring, quadrant, description and isNew or
    // status; status one of New, Moved In, Moved Out, No Change, compared lowercased.
    it("has the headers BYOR's validator requires and only status values its Blip model knows", () => {
      const [header, ...rows] = parseCsv(radarExportByorCsv(snapshot));
      expect(header).toEqual(expect.arrayContaining(["name", "ring", "quadrant", "description", "isNew", "status"]));
      const status = header!.indexOf("status");
      for (const row of rows) expect(["new", "moved in", "moved out", "no change"]).toContain(row[status]!.toLowerCase());
    });

    it("writes No Change for every item before the first review", () => {
      const [header, ...rows] = parseCsv(radarExportByorCsv({ ...snapshot, lastReview: null }));
      expect(rows.map((row) => row[header!.indexOf("status")])).toEqual(["No Change", "No Change", "No Change", "No Change"]);
    });

    it("refuses a fifth ring, which BYOR rejects with \"More than 4 rings.\"", () => {
      const five = { ...snapshot, rings: [...snapshot.rings, "retire"] };
      expect(() => radarExportByorCsv(five)).toThrow(new ExportNotPossible("Build Your Own Radar draws at most 4 rings; this radar has 5"));
    });
  });

  describe("csv formula injection", () => {
    const hostile = '=HYPERLINK("http://x","y")';
    const withTitles = (titles: string[]) => ({
      ...snapshot,
      items: titles.map((title, index) => ({ ...snapshot.items[1]!, number: 100 + index, title, description: "" })),
      trends: [{ ...snapshot.trends[0]!, title: hostile, description: "@SUM(1+1)" }],
    });

    it("prefixes a cell starting with = + - @ tab or CR with a quote and keeps it RFC 4180 quoted", () => {
      const csv = radarExportByorCsv(withTitles([hostile, "+1", "-1", "@cmd", "\tx", "\rx", "plain -1"]));
      expect(csv.split("\r\n")[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")",trial,platforms,FALSE,No Change,`);
      expect(parseCsv(csv).slice(1).map((row) => row[0])).toEqual([`'${hostile}`, "'+1", "'-1", "'@cmd", "'\tx", "'\rx", "plain -1"]);
    });

    it("protects the trends CSV the same way", () => {
      const [, row] = parseCsv(trendExportCsv(withTitles([])));
      expect(row![0]).toBe(`'${hostile}`);
      expect(row![6]).toBe("'@SUM(1+1)");
    });
  });

  describe("zalando", () => {
    it("writes entries with quadrant and ring indexes and moved 1 (in) / -1 (out) / 2 (new) / 0", () => {
      const radar = radarExportZalando(snapshot);
      expect(radar.quadrants).toEqual([{ name: "Techniques" }, { name: "Tools" }, { name: "Platforms" }, { name: "Languages and frameworks" }]);
      expect(radar.rings.map((r) => r.name)).toEqual(["ADOPT", "TRIAL", "ASSESS", "HOLD"]);
      expect(radar.entries).toEqual([
        { quadrant: 3, ring: 0, label: "TypeScript", active: true, link: "https://github.com/octo-org/shop/issues/1", moved: 1 },
        { quadrant: 2, ring: 1, label: "Kubernetes", active: true, link: "https://github.com/octo-org/shop/issues/2", moved: 0 },
        { quadrant: 1, ring: 3, label: "Jenkins", active: true, link: "https://github.com/octo-org/shop/issues/3", moved: -1 },
        { quadrant: 2, ring: 2, label: "Bun", active: true, link: "https://github.com/octo-org/shop/issues/4", moved: 2 },
      ]);
      expect(zalandoViewerProblems(radar)).toEqual([]);
    });

    it("pads a 3-ring, 3-quadrant radar to 4 × 4 with empty, named slots, so the viewer draws it", () => {
      const small = {
        ...snapshot,
        rings: ["adopt", "trial", "hold"],
        quadrants: ["tools", "platforms", "languages-and-frameworks"],
      };
      const radar = radarExportZalando(small);
      expect(radar.rings.map((r) => r.name)).toEqual(["ADOPT", "TRIAL", "HOLD", "(no ring)"]);
      expect(radar.quadrants.map((q) => q.name)).toEqual(["Tools", "Platforms", "Languages and frameworks", "(no quadrant)"]);
      expect(radar.entries.map((e) => [e.label, e.quadrant, e.ring])).toEqual([
        ["TypeScript", 2, 0],
        ["Kubernetes", 1, 1],
        ["Jenkins", 0, 2],
      ]);
      expect(zalandoViewerProblems(radar)).toEqual([]);
    });

    it("refuses a radar with more than four quadrants or rings, saying why", () => {
      const five = { ...snapshot, quadrants: [...snapshot.quadrants, "data"] };
      expect(() => radarExportZalando(five)).toThrow(ExportNotPossible);
      expect(() => radarExportZalando({ ...snapshot, rings: [...snapshot.rings, "retire"] })).toThrow(/exactly 4 quadrants and 4 rings; this radar has 4 quadrants and 5 rings/);
    });
  });

  describe("backstage", () => {
    it("writes a TechRadarLoaderResponse whose timelines are the ring history, newest first", () => {
      const radar = radarExportBackstage(snapshot);
      expect(radar.quadrants[3]).toEqual({ id: "languages-and-frameworks", name: "Languages and frameworks" });
      expect(radar.rings.map((r) => r.id)).toEqual(["adopt", "trial", "assess", "hold"]);
      expect(radar.entries.map((e) => e.id)).toEqual(["1", "2", "3", "4"]);
      expect(radar.entries[0]).toEqual({
        id: "1",
        key: "1",
        title: "TypeScript",
        quadrant: "languages-and-frameworks",
        description: 'Typed JavaScript, "strict" mode, everywhere',
        url: "https://github.com/octo-org/shop/issues/1",
        links: [{ url: "https://github.com/octo-org/shop/issues/1", title: "Issue #1" }],
        timeline: [
          { moved: 1, ringId: "adopt", date: "2026-08-01T12:00:00.000Z", description: "Moved Trial → Adopt by @hubot: every service uses it" },
          { moved: 0, ringId: "trial", date: "2026-01-10T10:00:00.000Z", description: "Placed in Trial by @octocat" },
        ],
      });
      expect(radar.entries[2]!.timeline).toEqual([
        { moved: -1, ringId: "hold", date: "2026-09-01T08:00:00.000Z", description: "Moved Trial → Hold by @octocat: GitHub Actions replaced it" },
        { moved: 0, ringId: "trial", date: "2026-01-10T10:00:00.000Z", description: "Placed on the radar" },
      ]);
    });
  });

  describe("trends", () => {
    it("lists trends with their linked radar items, as JSON and as CSV", () => {
      expect(trendExportJson(snapshot).trends).toEqual([
        {
          number: 9,
          title: "Edge runtimes",
          description: "Workloads move to the edge",
          url: "https://github.com/octo-org/shop/issues/9",
          trend: "rising",
          impact: "high",
          status: "active",
          radarItems: [
            { number: 1, title: "TypeScript", ring: "adopt" },
            { number: 4, title: "Bun", ring: "assess" },
          ],
        },
      ]);
      expect(trendExportCsv(snapshot)).toBe(
        "name,trend,impact,status,url,radar_items,description\r\n" +
          "Edge runtimes,rising,high,active,https://github.com/octo-org/shop/issues/9,#1 #4,Workloads move to the edge\r\n",
      );
    });
  });
});
