/**
 * The URL as it may be shown: without a user name or password. The sources file refuses userinfo, but a
 * source's URL reaches public check runs, PR comments and logs, so what prints it strips credentials anyway.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL (a test's or a hand-made setting): any "user:password@" in it is cut all the same.
    return String(url).replace(/\/\/[^/@]*@/, "//");
  }
  parsed.username = "";
  parsed.password = "";
  return parsed.toString();
}
