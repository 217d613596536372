import type { TimeWindow } from "../analysis/time-window.js";
import { formatTime } from "./format-time.js";

/** A window as "start → end (1 h 30 min)". */
export function formatWindow(window: TimeWindow): string {
  return `${formatTime(window.start)} → ${formatTime(window.end)} (${formatDuration(window.end.getTime() - window.start.getTime())})`;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${minutes} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
