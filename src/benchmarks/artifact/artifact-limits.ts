const MiB = 1024 * 1024;

/**
 * How much of a benchmark artifact Kaizen reads. Result files are small (a hyperfine export with a thousand
 * runs is ~40 KB), so these leave ample room while keeping one job's memory bounded on a small server: only
 * the zip and one decompressed file are held at a time. Going over a limit is reported as a problem on the
 * run with what to upload instead; it never fails the job.
 */
export const ARTIFACT_LIMITS = {
  /** The artifact's zip, as GitHub reports its size (checked before downloading) and as downloaded. */
  zipBytes: 20 * MiB,
  /** Result files read from one artifact (in name order; the rest are listed as left out). */
  files: 100,
  /** One file, decompressed (the zip's declared size, which also caps what the inflater writes). */
  fileBytes: 5 * MiB,
  /** All files read from one artifact, decompressed. */
  totalBytes: 50 * MiB,
} as const;

/** `5 MiB`, `312 KiB`, `87 B`: sizes in problems, in the units the limits are stated in. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} B`;
}
