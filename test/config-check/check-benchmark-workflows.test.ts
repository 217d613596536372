import { checkBenchmarkWorkflows } from "../../src/config-check/check-benchmark-workflows.js";

describe("checkBenchmarkWorkflows", () => {
  const existing = ["CI", "Benchmarks", "Release", ".github/workflows/nightly.yml"];

  it("accepts workflows the repository has, by name or by the path GitHub shows for an unnamed one", () => {
    expect(checkBenchmarkWorkflows(["Benchmarks", ".github/workflows/nightly.yml"], existing)).toEqual([]);
  });

  it("reports a misspelt name at its position, with the closest name and the list", () => {
    expect(checkBenchmarkWorkflows(["CI", "Benchmark"], existing)).toEqual([
      {
        path: "benchmarks.workflows[1]",
        message: "No workflow in this repository is called `Benchmark`, so Kaizen would never see its benchmark results.",
        fix: "Did you mean `Benchmarks`? Write the workflow's `name:` exactly as it is; this repository's workflows are `.github/workflows/nightly.yml`, `Benchmarks`, `CI`, `Release`.",
      },
    ]);
  });

  it("lists the workflows without a guess when no name is close", () => {
    const [problem] = checkBenchmarkWorkflows(["perf-suite-on-bare-metal"], existing);
    expect(problem?.fix).toMatch(/^Write the workflow's `name:` exactly as it is; this repository's workflows are /);
  });

  it("compares names exactly, as GitHub's workflow_run events carry them", () => {
    expect(checkBenchmarkWorkflows(["benchmarks"], existing)).toHaveLength(1);
  });

  it("tells a repository without workflows to add one", () => {
    const [problem] = checkBenchmarkWorkflows(["Benchmarks"], []);
    expect(problem?.fix).toContain("no GitHub Actions workflows yet");
  });
});
