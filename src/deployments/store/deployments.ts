import type { InstalledRepo } from "../../github/installed-repo.js";

/** A row of `deployments`. */
export interface DeploymentRow extends InstalledRepo {
  id: number;
  githubDeploymentId: number;
  environment: string;
  sha: string;
  ref: string;
  /** The deployment's log or target link, when GitHub has one. */
  url: string | null;
  createdAt: Date;
}

export type NewDeployment = Omit<DeploymentRow, "id" | "createdAt">;
