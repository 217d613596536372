import { runKaizen } from "./run-kaizen.js";

describe("kaizen", () => {
  describe("--help", () => {
    it("names every command and the exit codes", async () => {
      const { code, stdout } = await runKaizen(["--help"]);
      expect(code).toBe(0);
      for (const command of ["check-config", "evaluate", "migrate", "prune"]) expect(stdout).toContain(command);
      expect(stdout).toContain("Exit codes: 0 ok, 1 problems found or the command failed, 2 usage error.");
    });

    it.each([
      ["check-config", ["[path]", "--sources <file>"]],
      ["evaluate", ["--environment <name>", "--at <time>", "--config <path>", "--sources <file>", "--format <format>", "--sha <sha>", "--ref <ref>", "--repo <owner/name>"]],
      ["migrate", ["DATABASE_URL"]],
    ])("on %s names each of its options", async (command, options) => {
      const { code, stdout } = await runKaizen([command, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: kaizen ${command}`);
      for (const option of options) expect(stdout).toContain(option);
    });
  });

  describe("with a wrong command line", () => {
    it.each([
      ["no command", [], /Usage: kaizen/],
      ["an unknown command", ["deploy"], /unknown command 'deploy'/],
      ["an unknown option", ["check-config", "--strict"], /unknown option '--strict'/],
      ["a missing required option", ["evaluate", "--environment", "production"], /required option '--at <time>' not specified/],
      ["a time without a zone", ["evaluate", "--environment", "production", "--at", "2026-05-01T12:00"], /ISO 8601 time with a zone/],
      ["an unknown format", ["evaluate", "--environment", "production", "--at", "2026-05-01T12:00:00Z", "--format", "xml"], /Allowed choices are markdown, json/],
    ])("exits 2 with the reason on stderr for %s", async (_case, args, reason) => {
      const { code, stdout, stderr } = await runKaizen(args);
      expect(code).toBe(2);
      expect(stderr).toMatch(reason);
      expect(stdout).toBe("");
    });
  });
});
