import type { ApplicationFunction } from "probot";
import type { AppDeps } from "./app-deps.js";
import { handleDeploymentStatus } from "./deployments/on-deployment-status.js";
import { handleInstallation } from "./radar/on-installation.js";
import { handleIssueComment } from "./radar/on-issue-comment.js";
import { handleIssues } from "./radar/on-issues.js";
import { handlePullRequest } from "./config-check/on-pull-request.js";
import { handleWorkflowRun } from "./benchmarks/on-workflow-run.js";
import { handleHealthz } from "./http/healthz.js";
import { createKaizenMetrics, handleMetrics } from "./http/metrics.js";
import { observeJobs } from "./queue/observe-jobs.js";
import { cachingContents, configFreshMs } from "./github/cached-contents.js";
import { handleConfigPush } from "./config/on-config-push.js";
import { handleInstallationRemoved } from "./lifecycle/on-installation-removed.js";
import { handleInstallationAdded } from "./lifecycle/on-installation-added.js";
import { handleDeploymentProtectionRule } from "./gate/on-deployment-protection-rule.js";
import { handleExperimentIssues } from "./experiments/on-issues.js";
import { handleExperimentPullRequest } from "./experiments/on-pull-request.js";
import { handleExperimentDeploymentStatus } from "./experiments/on-deployment-status.js";
import { handleExperimentsApi } from "./experiments/api.js";
import { handleRadarApi } from "./radar/api.js";
import { handleDoraApi } from "./dora/api.js";
import { handleDoraDeploymentStatus } from "./dora/on-deployment-status.js";
import { handleDoraPullRequest } from "./dora/on-pull-request.js";
import { handleDoraIssues } from "./dora/on-issues.js";
import { handleDoraInstallation } from "./dora/on-installation.js";
import { handleFeedbackComment } from "./feedback/on-issue-comment.js";
import { handleFeedbackLabel } from "./feedback/on-issues.js";
import { handleQualityApi } from "./feedback/api.js";
import { createDashboard } from "./web/create-dashboard.js";
import { doraDashboardPage, doraOverviewTile } from "./dora/dashboard.js";
import { radarDashboardPage, radarOverviewTile } from "./radar/dashboard.js";
import { deploymentsTile } from "./deployments/dashboard/deployments-tile.js";
import { metricPage } from "./deployments/dashboard/metric-page.js";
import { listDeploymentRepos } from "./deployments/store/dashboard-queries.js";
import { benchmarksTile } from "./benchmarks/dashboard/benchmarks-tile.js";
import { benchmarkPage } from "./benchmarks/dashboard/benchmark-page.js";
import { listBenchmarkRepos } from "./benchmarks/store/dashboard-queries.js";
import { experimentsTile } from "./experiments/dashboard/experiments-tile.js";
import { qualityTile } from "./feedback/dashboard/quality-tile.js";
import { listExperimentRepos } from "./experiments/store/dashboard-queries.js";
import { useWebhookInbox } from "./queue/webhook-inbox.js";
import { guardWebhookIntake } from "./http/guard-webhook-intake.js";
import { listDoraRepos } from "./dora/store/list-dora-repos.js";
import { listRadarDashboardRepos } from "./radar/store/list-radar-dashboard-repos.js";

/** Kaizen's routing table: which event goes to which handler, which job to which pipeline. */
export function kaizen(deps: AppDeps): ApplicationFunction {
  return async (app, { addHandler }) => {
    guardWebhookIntake(app, { draining: deps.draining });
    app.on("deployment_status.created", handleDeploymentStatus(deps));
    app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize"], handlePullRequest(deps));
    app.on("workflow_run.completed", handleWorkflowRun(deps));
    app.on(
      ["issues.opened", "issues.edited", "issues.labeled", "issues.unlabeled", "issues.closed", "issues.reopened", "issues.transferred", "issues.deleted"],
      handleIssues(deps),
    );
    app.on("issue_comment.created", handleIssueComment(deps));
    app.on(["issues.opened", "issues.edited", "issues.labeled"], handleExperimentIssues(deps));
    app.on("pull_request.closed", handleExperimentPullRequest(deps));
    app.on("deployment_status.created", handleExperimentDeploymentStatus(deps));
    app.on("deployment_protection_rule.requested", handleDeploymentProtectionRule(deps));
    app.on(["installation.created", "installation_repositories.added"], handleInstallation(deps));
    app.on("deployment_status.created", handleDoraDeploymentStatus(deps));
    app.on("pull_request.closed", handleDoraPullRequest(deps));
    app.on(
      ["issues.opened", "issues.edited", "issues.labeled", "issues.unlabeled", "issues.closed", "issues.reopened", "issues.transferred", "issues.deleted"],
      handleDoraIssues(deps),
    );
    app.on(["installation.created", "installation_repositories.added"], handleDoraInstallation(deps));
    app.on("issue_comment.created", handleFeedbackComment(deps));
    app.on(["issues.labeled", "issues.unlabeled"], handleFeedbackLabel(deps));
    app.on("push", handleConfigPush(deps));
    app.on(["installation.deleted", "installation_repositories.removed"], handleInstallationRemoved(deps));
    app.on(["installation.created", "installation_repositories.added"], handleInstallationAdded(deps));
    const metrics = deps.metrics ?? createKaizenMetrics(deps.pool);
    const dashboard = createDashboard(
      { db: deps.pool, now: deps.now, settings: deps.dashboard, apiBaseUrl: async () => (await app.auth()).request.endpoint.DEFAULTS.baseUrl },
      {
        pages: [metricPage, benchmarkPage, doraDashboardPage, radarDashboardPage],
        tiles: [deploymentsTile, benchmarksTile, doraOverviewTile, qualityTile, experimentsTile, radarOverviewTile],
        repoLists: [listDeploymentRepos, listBenchmarkRepos, listExperimentRepos, listDoraRepos, listRadarDashboardRepos],
      },
    );
    addHandler(dashboard.bearerFromSession);
    addHandler(handleHealthz(deps));
    addHandler(handleMetrics(metrics));
    addHandler(handleDoraApi(app, deps));
    addHandler(handleRadarApi(app, deps));
    addHandler(handleExperimentsApi(app, deps));
    addHandler(handleQualityApi(app, deps));
    addHandler(dashboard.handle);
    if (deps.inbox) deps.inbox(useWebhookInbox(app, { pool: deps.pool, drain: deps.workers, log: app.log }));
    if (deps.workers) {
      // Loaded only where jobs run: a webhook-only replica (KAIZEN_WORKERS=false) never needs the pipelines,
      // and not loading them keeps its memory down.
      const { startWorkers } = await import("./workers.js");
      const queue = cachingContents(deps.queue, { pool: deps.pool, freshMs: configFreshMs(deps), onLookup: (outcome) => metrics.configCache.inc({ outcome }) });
      await startWorkers(app, { ...deps, metrics, queue: observeJobs(queue, app.log, metrics) });
    }
  };
}
