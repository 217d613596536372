/** Whether the issue carries the label; GitHub treats label names without regard to case, and so do we. */
export function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((label) => label.toLowerCase() === name.toLowerCase());
}
