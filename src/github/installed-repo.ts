/**
 * The repository an event is about, with the installation that delivered it: what every job and most rows carry,
 * keyed by GitHub's repository id (survives renames and transfers); owner and name are for display and API paths.
 */
export interface InstalledRepo {
  installationId: number;
  repoId: number;
  owner: string;
  repo: string;
}

/** The {@link InstalledRepo} of a webhook payload's `installation` and `repository`. */
export function installedRepo(
  installation: { id: number },
  repository: { id: number; name: string; owner: { login: string } },
): InstalledRepo {
  return { installationId: installation.id, repoId: repository.id, owner: repository.owner.login, repo: repository.name };
}
