import { createHash } from "node:crypto";

/** A repository as GitHub showed it to one user: its id (the key of Kaizen's tables) and what the pages show. */
export interface AccessibleRepo {
  id: number;
  owner?: string;
  name?: string;
  defaultBranch?: string;
}

export type CheckAccess = (token: string, target: { owner: string; repo: string }) => Promise<AccessibleRepo | null>;

/** The signed-in user's access to a repository, asked of GitHub with the user's own token. */
export interface AccessCache {
  find(token: string, target: { owner: string; repo: string }): Promise<AccessibleRepo | null>;
  /** Forgets a token's answers (at logout). */
  forget(token: string): void;
}

/**
 * Answers, yes and no alike, are kept for at most `ttlMs` (5 minutes): a person whose access is revoked loses the
 * pages within that time, and a page view costs no GitHub call in between. Failures of GitHub are not kept. Keys
 * hold a hash of the token, never the token; the oldest entries go first past `maxEntries`.
 */
export function createAccessCache(check: CheckAccess, options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): AccessCache {
  const ttlMs = Math.min(options.ttlMs ?? 300_000, 300_000);
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { tokenKey: string; expiresAt: number; answer: AccessibleRepo | null }>();
  const tokenKey = (token: string) => createHash("sha256").update(token).digest("base64url");
  return {
    async find(token, target) {
      const owner = tokenKey(token);
      const key = `${owner} ${target.owner.toLowerCase()}/${target.repo.toLowerCase()}`;
      const cached = entries.get(key);
      if (cached && cached.expiresAt > now()) return cached.answer;
      entries.delete(key);
      const answer = await check(token, target);
      entries.set(key, { tokenKey: owner, expiresAt: now() + ttlMs, answer });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return answer;
    },
    forget(token) {
      const owner = tokenKey(token);
      for (const [key, entry] of entries) if (entry.tokenKey === owner) entries.delete(key);
    },
  };
}
