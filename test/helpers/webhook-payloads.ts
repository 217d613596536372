import { createRequire } from "node:module";

// Read as data: Jest's ESM loader warns on JSON imports whose attribute the transform drops.
const examples: unknown = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json");

/** Real example payloads from @octokit/webhooks-examples, adjusted per test (they ship without `installation`). */
export const INSTALLATION_ID = 2;

type Example = { name: string; examples: Array<Record<string, unknown>> };

function example(name: string, action: string): Record<string, any> {
  const family = (examples as unknown as Example[]).find((e) => e.name === name);
  const payload = family?.examples.find((e) => e["action"] === action);
  if (!payload) throw new Error(`no ${name}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(payload) as Record<string, any>;
}

export interface DeploymentStatusOptions {
  statusId?: number;
  deploymentId?: number;
  createdAt: Date;
  environment?: string;
  state?: string;
  sha?: string;
}

/** A `deployment_status.created` payload (Codertocat/Hello-World) for a deployment finished at `createdAt`. */
export function deploymentStatusPayload(options: DeploymentStatusOptions): Record<string, any> {
  const payload = example("deployment_status", "created");
  const environment = options.environment ?? "production";
  payload["installation"] = { id: INSTALLATION_ID };
  Object.assign(payload["deployment_status"], {
    id: options.statusId ?? payload["deployment_status"].id,
    state: options.state ?? "success",
    environment,
    created_at: options.createdAt.toISOString(),
    updated_at: options.createdAt.toISOString(),
    log_url: "https://ci.example.com/deploys/1",
  });
  Object.assign(payload["deployment"], {
    id: options.deploymentId ?? payload["deployment"].id,
    environment,
    sha: options.sha ?? payload["deployment"].sha,
  });
  return payload;
}

/** A `pull_request.<action>` payload with an installation. */
export function pullRequestPayload(
  action: "opened" | "synchronize" | "reopened",
  headSha?: string,
  options: { forkOwner?: string } = {},
): Record<string, any> {
  const payload = example("pull_request", action);
  payload["installation"] = { id: INSTALLATION_ID };
  if (headSha) payload["pull_request"].head.sha = headSha;
  if (options.forkOwner) {
    // The head then lives in the fork: another repository, with its own id and owner.
    const base = payload["repository"];
    payload["pull_request"].head.repo = { ...base, id: base.id + 1, fork: true, full_name: `${options.forkOwner}/${base.name}`, owner: { ...base.owner, login: options.forkOwner, id: base.owner.id + 1 } };
    payload["pull_request"].head.label = `${options.forkOwner}:${payload["pull_request"].head.ref}`;
  }
  return payload;
}

export interface WorkflowRunOptions {
  runId: number;
  /** The workflow's `name:` (what `benchmarks.workflows` lists). */
  workflowName?: string;
  conclusion?: string;
  headBranch?: string;
  headSha: string;
  event?: string;
  /** The owner of the fork the run's head came from; the run's `pull_requests` is then empty, as GitHub sends it. */
  forkOwner?: string;
  /** A same-repository pull request the run belongs to, with the base it targets. */
  pull?: { number: number; baseRef: string; baseSha: string };
}

/** A `workflow_run.completed` payload (octo-org/octo-repo) from the example of a successful run, with an installation. */
export function workflowRunPayload(options: WorkflowRunOptions): Record<string, any> {
  const family = (examples as unknown as Example[]).find((e) => e.name === "workflow_run");
  const found = family?.examples.find((e) => e["action"] === "completed" && (e["workflow_run"] as any)?.conclusion === "success");
  if (!found) throw new Error("no successful workflow_run.completed example in @octokit/webhooks-examples");
  const payload = structuredClone(found) as Record<string, any>;
  const run = payload["workflow_run"];
  const repository = payload["repository"];
  const headBranch = options.headBranch ?? "main";
  payload["installation"] = { id: INSTALLATION_ID };
  payload["workflow"].name = options.workflowName ?? "Benchmarks";
  Object.assign(run, {
    id: options.runId,
    name: options.workflowName ?? "Benchmarks",
    conclusion: options.conclusion ?? "success",
    event: options.event ?? (options.pull || options.forkOwner ? "pull_request" : "push"),
    head_branch: headBranch,
    head_sha: options.headSha,
    pull_requests: [],
  });
  if (options.forkOwner) {
    const fork = run.head_repository;
    Object.assign(fork, { full_name: `${options.forkOwner}/${repository.name}`, fork: true, id: fork.id + 1 });
    fork.owner = { ...fork.owner, login: options.forkOwner, id: fork.owner.id + 1 };
  }
  if (options.pull) {
    const repo = { id: repository.id, url: repository.url, name: repository.name };
    run.pull_requests = [
      {
        url: `${repository.url}/pulls/${options.pull.number}`,
        id: options.pull.number * 1000,
        number: options.pull.number,
        head: { ref: headBranch, sha: options.headSha, repo },
        base: { ref: options.pull.baseRef, sha: options.pull.baseSha, repo },
      },
    ];
  }
  return payload;
}

export interface IssueCommentOptions {
  commentId: number;
  body: string;
  /** Who wrote the comment (also the sender). */
  login?: string;
  issueNumber?: number;
  /** The issue's label names (the example has `bug`). */
  labels?: string[];
  /** The comment is on a pull request. */
  pull?: boolean;
  /** When the comment was made (also the issue's `updated_at`). */
  at?: Date;
}

/** An `issue_comment.created` payload (Codertocat/Hello-World) with the given comment, issue and an installation. */
export function issueCommentPayload(options: IssueCommentOptions): Record<string, any> {
  const payload = example("issue_comment", "created");
  const login = options.login ?? payload["comment"].user.login;
  payload["installation"] = { id: INSTALLATION_ID };
  Object.assign(payload["comment"], { id: options.commentId, body: options.body, user: { ...payload["comment"].user, login } });
  payload["sender"] = { ...payload["sender"], login };
  const issue = payload["issue"];
  issue.number = options.issueNumber ?? issue.number;
  issue.html_url = `${payload["repository"].html_url}/issues/${issue.number}`;
  payload["comment"].html_url = `${issue.html_url}#issuecomment-${options.commentId}`;
  if (options.at) {
    Object.assign(payload["comment"], { created_at: options.at.toISOString(), updated_at: options.at.toISOString() });
    issue.updated_at = options.at.toISOString();
  }
  if (options.labels) {
    const template = issue.labels[0];
    issue.labels = options.labels.map((name, i) => ({ ...template, id: template.id + i + 1, name }));
  }
  if (options.pull) issue.pull_request = { url: `${payload["repository"].url}/pulls/${issue.number}` };
  else delete issue.pull_request;
  return payload;
}

/** An `installation.created` payload (Codertocat) for the given installation, with its example repository. */
export function installationCreatedPayload(installationId = INSTALLATION_ID): Record<string, any> {
  const payload = example("installation", "created");
  payload["installation"].id = installationId;
  return payload;
}

/** An `installation_repositories.added` payload (Codertocat): the example adds Codertocat/Space. */
export function installationRepositoriesAddedPayload(installationId = INSTALLATION_ID): Record<string, any> {
  const payload = example("installation_repositories", "added");
  payload["installation"].id = installationId;
  return payload;
}

export interface IssuesOptions {
  issueNumber?: number;
  /** The issue's label names after the event (the examples have `bug`). */
  labels?: string[];
  /** The label added or removed (labeled, unlabeled). */
  label?: string;
  /** Who did it; a `[bot]` login is sent as a Bot, like the app's own label removals. */
  sender?: string;
  /** The issue's `updated_at`, the time of the event. */
  at?: Date;
  /** The issue is in octo-org/octo-repo (the other side of the examples' transfer) instead of Codertocat/Hello-World. */
  otherRepo?: boolean;
  /** The issue's body (the examples have their own). */
  body?: string;
}

type IssuesAction = "opened" | "edited" | "labeled" | "unlabeled" | "closed" | "reopened" | "transferred" | "deleted";

/**
 * An `issues.<action>` payload with an installation. The examples have no `closed` one: it is the `reopened`
 * example closed. The `transferred` example moves an issue from octo-org/octo-repo to Codertocat/Hello-World;
 * here it leaves Codertocat/Hello-World (or octo-org/octo-repo with `otherRepo`) for the other one.
 */
export function issuesPayload(action: IssuesAction, options: IssuesOptions = {}): Record<string, any> {
  const payload = example("issues", action === "closed" ? "reopened" : action);
  const home = example("issues", "opened")["repository"];
  const other = example("issues", "transferred")["repository"];
  payload["action"] = action;
  payload["installation"] = { id: INSTALLATION_ID };
  payload["repository"] = options.otherRepo ? other : home;
  if (action === "transferred") payload["changes"].new_repository = options.otherRepo ? home : other;
  const issue = payload["issue"];
  const labelTemplate = example("issues", "labeled")["label"];
  const label = (name: string, i: number) => ({ ...labelTemplate, id: labelTemplate.id + i + 1, name });
  issue.number = options.issueNumber ?? issue.number;
  issue.html_url = `${payload["repository"].html_url}/issues/${issue.number}`;
  issue.state = action === "closed" ? "closed" : "open";
  if (options.labels) issue.labels = options.labels.map(label);
  if (options.at) issue.updated_at = options.at.toISOString();
  if (options.body !== undefined) issue.body = options.body;
  if (options.label !== undefined) payload["label"] = label(options.label, 100);
  if (options.sender) {
    const bot = options.sender.endsWith("[bot]");
    payload["sender"] = { ...payload["sender"], login: options.sender, type: bot ? "Bot" : "User" };
  }
  return payload;
}

/**
 * A `pull_request.closed` payload (Codertocat/Hello-World) made merged (the examples have no merged one), as
 * `mergeCommitSha` (or `mergeSha`), at `mergedAt`, with `body`.
 */
export function mergedPullRequestPayload(options: {
  number: number;
  mergeCommitSha?: string;
  mergeSha?: string;
  mergedAt?: Date;
  body?: string;
}): Record<string, any> {
  const payload = example("pull_request", "closed");
  payload["installation"] = { id: INSTALLATION_ID };
  Object.assign(payload["pull_request"], {
    number: options.number,
    state: "closed",
    merged: true,
    merged_at: (options.mergedAt ?? new Date(payload["pull_request"].closed_at ?? Date.now())).toISOString(),
    merge_commit_sha: options.mergeCommitSha ?? options.mergeSha ?? payload["pull_request"].merge_commit_sha,
    html_url: `${payload["repository"].html_url}/pull/${options.number}`,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return payload;
}

/** A `push` payload to the repository's default branch (or `branch`), whose one commit changed `modified`. */
export function pushPayload(options: { modified: string[]; branch?: string }): Record<string, any> {
  const family = (examples as unknown as Example[]).find((e) => e.name === "push");
  const payload = structuredClone(family!.examples[0]!) as Record<string, any>;
  payload["installation"] = { id: INSTALLATION_ID };
  payload["ref"] = `refs/heads/${options.branch ?? payload["repository"].default_branch}`;
  const commit = { id: "6113728f27ae82c7b1a177c8d03f9e96e0adf246", message: "config", added: [], removed: [], modified: options.modified };
  payload["commits"] = [commit];
  payload["head_commit"] = commit;
  return payload;
}
