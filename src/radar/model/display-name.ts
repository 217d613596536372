/** A ring or quadrant id as people read it: `languages-and-frameworks` → "Languages and frameworks". */
export function displayName(id: string): string {
  const words = id.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
