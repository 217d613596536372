import { InvalidArgumentError } from "commander";

/** An `owner/repo` command-line argument, split; anything else is a usage error. */
export function parseRepoArgument(value: string): { owner: string; repo: string } {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected owner/name.");
  return { owner: match[1]!, repo: match[2]! };
}
