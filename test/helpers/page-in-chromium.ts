import { chromium, type Browser, type Page } from "playwright-core";

/**
 * A page fragment (a DashboardHtml) opened in Debian's Chromium, inside the smallest document a layout would give
 * it (language, title, one h1, a main landmark), for checking what the browser draws and what axe finds. The shell's
 * own browser test covers the real layout; this lets a feature test its page without the shell.
 */
export interface ChromiumPages {
  open(page: { title: string; html: string }): Promise<Page>;
  /** axe-core's serious and critical violations on the page, as "rule: target" lines. */
  seriousViolations(page: Page): Promise<string[]>;
  /** Console errors and failed requests seen on the pages opened so far. */
  errors: string[];
}

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Starts Chromium before the file's tests and closes it after. */
export function useChromium(): ChromiumPages {
  let browser: Browser | undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    errors,
    async open({ title, html }) {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("requestfailed", (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
      const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      await page.setContent(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapedTitle}</title></head>` +
          `<body><main><h1>${escapedTitle}</h1>${html}</main></body></html>`,
      );
      return page;
    },
    async seriousViolations(page) {
      await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
        return (await axe.run()).violations;
      });
      return violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    },
  };
}
