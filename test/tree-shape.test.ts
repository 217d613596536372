import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The tree's own rules (README "Architecture"), which lint cannot see: folder sizes, one name for one thing, a
 * README per feature, and a README layout that names every folder of src/.
 */
const SRC = join(process.cwd(), "src");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const folders = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? [join(dir, name), ...folders(join(dir, name))] : []));

const EXPORT = /^export (?:declare )?(?:async )?(?:function\*?|const|let|class|interface|type|enum) ([A-Za-z_$][\w$]*)/gm;

describe("the source tree", () => {
  it("has no folder with more than 30 files", () => {
    const crowded = [SRC, ...folders(SRC)]
      .map((dir) => ({ dir: relative(process.cwd(), dir), files: readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile()).length }))
      .filter(({ files }) => files > 30);
    expect(crowded).toEqual([]);
  });

  it("exports each name from one file only", () => {
    const owners = new Map<string, string[]>();
    for (const file of walk(SRC).filter((path) => path.endsWith(".ts"))) {
      const text = readFileSync(file, "utf8");
      for (const [, name] of text.matchAll(EXPORT)) {
        // A zod schema and the type it infers share their name on purpose: they are one thing.
        if (text.includes(`export type ${name!} = z.output<typeof ${name!}>`)) continue;
        owners.set(name!, [...(owners.get(name!) ?? []), relative(SRC, file)]);
      }
    }
    const twice = [...owners].filter(([, files]) => new Set(files).size > 1).map(([name, files]) => `${name}: ${files.join(", ")}`);
    expect(twice).toEqual([]);
  });

  it("gives every feature folder a README of its flow, and names every top-level folder in the README's layout", () => {
    const readme = readFileSync(join(process.cwd(), "README.md"), "utf8");
    const layout = readme.slice(readme.indexOf("## Architecture"), readme.indexOf("## Development"));
    const topLevel = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(topLevel.filter((name) => !layout.includes(`${name}/`))).toEqual([]);
    const features = [...readFileSync(join(process.cwd(), "eslint.config.js"), "utf8").matchAll(/^const FEATURES = \[([^\]]*)\]/gm)]
      .flatMap(([, list]) => [...list!.matchAll(/"([\w-]+)"/g)].map(([, name]) => name!));
    expect(features.length).toBeGreaterThan(0);
    expect(features.filter((name) => !readdirSync(join(SRC, name)).includes("README.md"))).toEqual([]);
  });
});
