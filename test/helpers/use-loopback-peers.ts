import { aroundTests } from "./around-tests.js";
import { lateBound } from "./late-bound.js";
import { kaizenEnv, startFlatPrometheus, startReportingGitHub, type FlatPrometheus, type ReportingGitHub } from "./kaizen-process.js";

/**
 * Registers the jest hooks that start the reporting GitHub and the flat Prometheus a spawned Kaizen process talks
 * to (once for the enclosing describe block, or for each test with `each`) and close them after; returns them,
 * late-bound, with `envFor`, the environment of a Kaizen process on a database and these two. Jest runs after-hooks
 * in the order they are added: add the one that kills the processes before calling this, so they go first.
 */
export function useLoopbackPeers(
  options: { each?: boolean; github?: Parameters<typeof startReportingGitHub>[0]; prometheus?: Parameters<typeof startFlatPrometheus>[0] } = {},
): { github: ReportingGitHub; prometheus: FlatPrometheus; envFor(databaseUrl: string): Promise<NodeJS.ProcessEnv> } {
  let running: { github: ReportingGitHub; prometheus: FlatPrometheus } | undefined;
  const start = async () => {
    const prometheus = await startFlatPrometheus(options.prometheus);
    running = { prometheus, github: await startReportingGitHub(options.github) };
  };
  const stop = async () => {
    await running?.prometheus.close();
    await running?.github.close();
    running = undefined;
  };
  aroundTests(start, stop, options.each);
  const github = lateBound(() => running?.github, "The GitHub of useLoopbackPeers()");
  const prometheus = lateBound(() => running?.prometheus, "The Prometheus of useLoopbackPeers()");
  return { github, prometheus, envFor: (databaseUrl) => kaizenEnv({ databaseUrl, githubHost: github.host, prometheusUrl: prometheus.url }) };
}
