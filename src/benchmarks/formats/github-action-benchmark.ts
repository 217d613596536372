import type { BenchmarkMeasurement } from "../benchmark-result.js";
import { betterFromUnit } from "./better-from-unit.js";
import { isObject, listAt, objectAt, shapeError, stringField } from "./json-shape.js";

/** github-action-benchmark custom JSON: a list of objects, `{name, unit, value}` entries. */
export function looksLikeGithubActionBenchmark(value: unknown): boolean {
  return Array.isArray(value) && value.every(isObject) && value.some((entry) => "value" in entry);
}

/**
 * github-action-benchmark's custom JSON (its `customSmallerIsBetter` / `customBiggerIsBetter` tools): a list of
 * `{name, unit, value, range?, extra?}`. benchmark = `name`; measure = `unit` as written (one value per name, so
 * the unit names what was measured; "value" when the unit is missing); value = `value`, a number (a numeric
 * string is taken too: the action stores whatever the file holds and users write "31"); samples null; `range`
 * and `extra` are free text for the action's tooltip and are not read.
 * better: smaller- or bigger-is-better is the action's `tool` setting in the workflow, not in the file, so it
 * comes from the unit only where the unit leaves no doubt (a time → lower; `ops/sec`, `req/s`, `x faster` →
 * higher, see betterFromUnit); else null, and `benchmarks.overrides[].better` says it.
 */
export function parseGithubActionBenchmark(value: unknown): BenchmarkMeasurement[] {
  return listAt(value, []).map((raw, index) => {
    const path = [index];
    const entry = objectAt(raw, path);
    const name = stringField(entry, "name", path, "the benchmark's name");
    const unit = typeof entry.unit === "string" ? entry.unit.trim() : "";
    return {
      benchmark: name,
      measure: unit === "" ? "value" : unit,
      unit,
      better: betterFromUnit(unit),
      value: numericValue(entry.value, [...path, "value"]),
      samples: null,
    };
  });
}

function numericValue(raw: unknown, path: Array<string | number>): number {
  const number = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  if (typeof number === "number" && Number.isFinite(number)) return number;
  throw shapeError(path, `should be a number, not ${JSON.stringify(raw) ?? "nothing"}`);
}
