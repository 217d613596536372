// Jest loads globalSetup/globalTeardown without its transform's module mapping (jestjs/jest#11644), so this
// wrapper loads the TypeScript module through tsx.
import { tsImport } from "tsx/esm/api";

export default async function globalTeardown() {
  const { default: run } = await tsImport("./global-teardown.ts", import.meta.url);
  await run();
}
