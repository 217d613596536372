/**
 * What an incident issue's title and body link: commit shas (7 to 40 hex digits, as GitHub abbreviates and links
 * them, or inside a `/commit/<sha>` URL) and deployments (`deployment 123`, `deployments/123`). A plain number like
 * `1234567` counts as a sha only when it has a letter, so ticket numbers do not blame a deploy.
 */
export function parseIncidentLinks(text: string): { linkedShas: string[]; linkedDeploymentIds: number[] } {
  const shas = [...text.matchAll(/(?<![0-9a-z])[0-9a-f]{7,40}(?![0-9a-z])/gi)].map((m) => m[0].toLowerCase()).filter((s) => /[a-f]/.test(s));
  const commitUrls = [...text.matchAll(/\/commit\/([0-9a-f]{7,40})\b/gi)].map((m) => m[1]!.toLowerCase());
  // A number past 2^53 names no deployment (GitHub's ids are far below) and would not survive as a JS number.
  const deployments = [...text.matchAll(/\bdeployments?[\s/#:]*(\d+)\b/gi)].map((m) => Number(m[1])).filter(Number.isSafeInteger);
  return { linkedShas: [...new Set([...shas, ...commitUrls])], linkedDeploymentIds: [...new Set(deployments)] };
}
