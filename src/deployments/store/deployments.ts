
/** A row of `deployments`. */
export interface DeploymentRow {
  id: number;
  repoId: number;
  owner: string;
  repo: string;
  installationId: number;
  githubDeploymentId: number;
  environment: string;
  sha: string;
  ref: string;
  /** The deployment's log or target link, when GitHub has one. */
  url: string | null;
  createdAt: Date;
}

export type NewDeployment = Omit<DeploymentRow, "id" | "createdAt">;
