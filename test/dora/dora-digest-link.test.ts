import { renderDoraTemplate } from "../../src/dora/templates.js";

describe("the DORA digest's dashboard link", () => {
  const digest = { marker: "<!-- m -->", repo: "octo-org/shop", environments: "production", week: "2026-03-02", keys: [], failed: [], bandsNote: "note" };
  it("is there with a public URL and not without one", () => {
    expect(renderDoraTemplate("dora-digest", { ...digest, dashboard: "https://kaizen.example.com/octo-org/shop/dora" })).toContain(
      "📈 Every week, with charts: [DORA on Kaizen's dashboard](https://kaizen.example.com/octo-org/shop/dora)",
    );
    expect(renderDoraTemplate("dora-digest", { ...digest, dashboard: null })).not.toContain("dashboard");
  });
});
