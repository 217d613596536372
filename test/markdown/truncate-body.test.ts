import { GITHUB_BODY_LIMIT, TRUNCATION_NOTE, truncateBody } from "../../src/markdown/truncate-body.js";

const rows = (count: number) => Array.from({ length: count }, (_, i) => `| row ${i} | value ${i} |`).join("\n");

describe("truncateBody", () => {
  it("returns a body within the limit unchanged", () => {
    const body = rows(10);
    expect(truncateBody(body)).toBe(body);
  });

  it("cuts a long body at a line end and appends the note", () => {
    const body = rows(10_000);
    const cut = truncateBody(body);
    expect(cut.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(cut.endsWith(TRUNCATION_NOTE)).toBe(true);
    expect(cut.slice(0, -TRUNCATION_NOTE.length).split("\n").at(-1)).toMatch(/^\| row \d+ \| value \d+ \|$/);
  });

  it("closes a code fence and a details block left open by the cut", () => {
    const body = `<details>\n<summary>All</summary>\n\n\`\`\`\`\n${rows(10_000)}\n\`\`\`\`\n</details>\n`;
    const cut = truncateBody(body);
    expect(cut.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(cut.endsWith(`\n\`\`\`\`\n</details>${TRUNCATION_NOTE}`)).toBe(true);
  });

  it("does not split an emoji when the body has no line breaks", () => {
    const cut = truncateBody("🔴".repeat(40_000), 1_000);
    expect(cut.length).toBeLessThanOrEqual(1_000);
    expect(cut.slice(0, -TRUNCATION_NOTE.length)).toMatch(/^(🔴)+$/u);
  });
});
