import { dashboardUrl } from "../../src/markdown/dashboard-url.js";
import { scriptJson } from "../../src/markdown/render-html-template.js";

const repo = { owner: "octo-org", repo: "shop.api" };

describe("dashboardUrl", () => {
  it.each([
    [["metrics", "production", "p95 latency"], "https://kaizen.example.com/octo-org/shop.api/metrics/production/p95%20latency"],
    [["benchmarks", "BenchmarkParse/json#1?x"], "https://kaizen.example.com/octo-org/shop.api/benchmarks/BenchmarkParse%2Fjson%231%3Fx"],
    [["dora"], "https://kaizen.example.com/octo-org/shop.api/dora"],
    [[], "https://kaizen.example.com/octo-org/shop.api"],
  ])("builds %j with each segment URI-encoded", (segments, expected) => {
    expect(dashboardUrl("https://kaizen.example.com/", repo, ...segments)).toBe(expected);
  });

  it("keeps a path prefix of the public URL", () => {
    expect(dashboardUrl("https://intranet.example.com/kaizen", repo, "radar")).toBe("https://intranet.example.com/kaizen/octo-org/shop.api/radar");
  });

  it("gives no link without a public URL", () => {
    expect(dashboardUrl(undefined, repo, "radar")).toBeNull();
    expect(dashboardUrl("", repo)).toBeNull();
  });
});

describe("scriptJson", () => {
  it("cannot end or bend the script element it is written into", () => {
    const text = scriptJson({ label: "</script><!-- <script> & \u2028" });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ label: "</script><!-- <script> & \u2028" });
  });
});
