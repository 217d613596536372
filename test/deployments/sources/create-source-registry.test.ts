import { SourcesFile } from "../../../src/config/sources-file.js";
import { createSourceRegistry } from "../../../src/deployments/sources/create-source-registry.js";

const WINDOW = { start: new Date("2026-03-01T10:00:00Z"), end: new Date("2026-03-01T11:00:00Z") };

describe("createSourceRegistry", () => {
  const registry = createSourceRegistry(
    SourcesFile.parse({
      sources: {
        main: { type: "prometheus", url: "http://prometheus:9090", graph_url: "https://prom.example.com" },
        "edge-eu": { type: "prometheus", url: "http://edge:9090" },
      },
    }),
  );

  it("lists the names in the file's order (the first is the default source)", () => {
    expect(registry.names()).toEqual(["main", "edge-eu"]);
  });

  it.each([
    ["main", "https://prom.example.com/graph?"],
    ["edge-eu", "http://edge:9090/graph?"],
  ])("builds %s as a named prometheus source linking to its graph_url", (name, linkStart) => {
    const source = registry.get(name);

    expect(source).toMatchObject({ name, kind: "prometheus" });
    expect(source?.graphUrl("up", WINDOW).startsWith(linkStart)).toBe(true);
  });

  it("does not know sources the operator did not define", () => {
    expect(registry.get("staging")).toBeUndefined();
  });

  it("is empty for a file without sources", () => {
    expect(createSourceRegistry({ sources: {} }).names()).toEqual([]);
  });
});
