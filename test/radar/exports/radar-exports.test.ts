import { ExportNotPossible } from "../../../src/radar/exports/export-not-possible.js";
import { movedSinceReview } from "../../../src/radar/model/moved-since-review.js";
import { radarExportBackstage } from "../../../src/radar/exports/radar-export-backstage.js";
import { radarExportByorCsv } from "../../../src/radar/exports/radar-export-byor-csv.js";
import { radarExportJson } from "../../../src/radar/exports/radar-export-json.js";
import { radarExportZalando } from "../../../src/radar/exports/radar-export-zalando.js";
import { trendExportCsv } from "../../../src/radar/exports/trend-export-csv.js";
import { trendExportJson } from "../../../src/radar/exports/trend-export-json.js";
import { radarSnapshotFixture } from "../radar-snapshot-fixture.js";

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
  });

  describe("byor-csv", () => {
    it("writes the Build Your Own Radar columns for the active items, quoting where CSV needs it", () => {
      expect(radarExportByorCsv(snapshot)).toBe(
        [
          "name,ring,quadrant,isNew,description",
          'TypeScript,adopt,languages-and-frameworks,FALSE,"Typed JavaScript, ""strict"" mode, everywhere"',
          'Kubernetes,trial,platforms,FALSE,"Runs, our, containers"',
          "Jenkins,hold,tools,FALSE,",
          "Bun,assess,platforms,TRUE,",
          "",
        ].join("\r\n"),
      );
    });
  });

  describe("zalando", () => {
    it("writes entries with quadrant and ring indexes and moved 1 (in) / -1 (out) / 0", () => {
      const radar = radarExportZalando(snapshot);
      expect(radar.quadrants).toEqual([{ name: "Techniques" }, { name: "Tools" }, { name: "Platforms" }, { name: "Languages and frameworks" }]);
      expect(radar.rings.map((r) => r.name)).toEqual(["ADOPT", "TRIAL", "ASSESS", "HOLD"]);
      expect(radar.entries).toEqual([
        { quadrant: 3, ring: 0, label: "TypeScript", active: true, link: "https://github.com/octo-org/shop/issues/1", moved: 1 },
        { quadrant: 2, ring: 1, label: "Kubernetes", active: true, link: "https://github.com/octo-org/shop/issues/2", moved: 0 },
        { quadrant: 1, ring: 3, label: "Jenkins", active: true, link: "https://github.com/octo-org/shop/issues/3", moved: -1 },
        { quadrant: 2, ring: 2, label: "Bun", active: true, link: "https://github.com/octo-org/shop/issues/4", moved: 0 },
      ]);
    });

    it("refuses a radar with more than four quadrants", () => {
      const five = { ...snapshot, quadrants: [...snapshot.quadrants, "data"] };
      expect(() => radarExportZalando(five)).toThrow(ExportNotPossible);
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
