import type { GitHubClient } from "./github-client.js";

/** The app Kaizen runs as: its id and, once fetched, its slug (the bot login is `<slug>[bot]`). */
interface AppIdentity {
  id: number;
  slug: string;
}

/** What GitHub says of a comment's or issue's author. */
export interface Authored {
  user?: { login: string; type?: string } | null;
  performed_via_github_app?: { id: number } | null;
}

const identities = new WeakMap<GitHubClient, Promise<AppIdentity>>();

/**
 * Whether Kaizen wrote this comment or issue: GitHub names the app that performed it
 * (`performed_via_github_app.id`), or its author is the app's bot account (`<slug>[bot]`). A marker alone proves
 * nothing: anyone can paste `<!-- kaizen:pr -->` into their own comment or issue, and Kaizen would then write its
 * report into a comment its author can edit, or close and track an issue it does not own. A human's comment is
 * refused without asking GitHub anything; the app's identity (GET /app) is fetched once per client.
 */
export async function isKaizenAuthored(octokit: GitHubClient, item: Authored): Promise<boolean> {
  const viaApp = item.performed_via_github_app?.id;
  const botLogin = item.user?.type === "Bot" || item.user?.login.endsWith("[bot]") ? item.user.login : null;
  if (viaApp === undefined && botLogin === null) return false;
  const app = await getAppIdentity(octokit);
  return viaApp === app.id || botLogin === `${app.slug}[bot]`;
}

/**
 * The first of `items` (in order) that carries `marker` and that Kaizen wrote; strangers' copies are skipped.
 */
export async function findKaizenAuthored<T extends Authored & { body?: string | null }>(
  octokit: GitHubClient,
  items: readonly T[],
  marker: string,
): Promise<T | undefined> {
  for (const item of items) {
    if (item.body?.includes(marker) && (await isKaizenAuthored(octokit, item))) return item;
  }
  return undefined;
}

function getAppIdentity(octokit: GitHubClient): Promise<AppIdentity> {
  let identity = identities.get(octokit);
  if (!identity) {
    identity = octokit.rest.apps.getAuthenticated().then(({ data }) => {
      if (!data) throw new Error("GET /app answered without the app: Kaizen cannot tell its own comments from others'");
      return { id: data.id, slug: data.slug ?? "" };
    });
    // A failed request is not remembered: the retried job asks again.
    identity.catch(() => identities.delete(octokit));
    identities.set(octokit, identity);
  }
  return identity;
}
