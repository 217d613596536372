/**
 * `npm run bench:detection` (issue #3): how well Kaizen's detector tells real steps from noise, against two
 * reference detectors, on a labelled set of synthetic series (docs/detection.md, "Detection benchmark").
 *
 * 1. plan        — the calibration set (quiet series only) and the evaluation set (quiet series and labelled
 *                  steps), from cases.ts; BENCH_SCALE multiplies their sizes.
 * 2. calibrate   — generate the calibration set from the seeded stream (BENCH_SEED), run Kaizen and measure both
 *                  references; tune each reference's free parameter (alert ratio, α) to the false-positive rate
 *                  max(Kaizen's on this set, 1 %), so F1 is compared at an equal false-positive rate.
 * 3. evaluate    — generate the evaluation set from the same stream and run every detector on each case.
 * 4. score       — FPR, recall by step size, precision and F1 per detector, with the references both calibrated
 *                  and at their stock settings.
 * 5. report      — Markdown tables on stdout (paste them into docs/detection.md), then PASS/FAIL per target. The exit
 *                  code is 0 whatever the result: this is a measurement.
 */
import { performance } from "node:perf_hooks";
import { detectChange, type DetectorInput } from "../../../src/analysis/detect-change.js";
import type { MetricPolicy } from "../../../src/analysis/verdict.js";
import { detectChange as detectChangeBefore } from "./baseline-detector/detect-change.js";
import type { Verdict } from "../../../src/analysis/verdict.js";
import { calibrateCutoff } from "./calibrate-cutoff.js";
import { generateCase, planCases, type BenchCase, type CaseLabel } from "./cases.js";
import { measureFixedRatio, STOCK_ALERT_RATIO } from "./fixed-ratio.js";
import { createRandomSource } from "./random-source.js";
import { CREEP_POLICY, runCreepBench, type CreepRow } from "./creep.js";
import { referenceVerdict, type ReferenceScore } from "./reference-score.js";
import { percent, renderTables } from "./render-tables.js";
import { scoreDetector, type DetectorScore } from "./score-detector.js";
import { shapes } from "./shapes.js";
import { measureWelchTTest, STOCK_ALPHA, welchCutoff } from "./welch-t-test.js";

const TARGET_FPR = 0.01;
const TARGET_SHAPE_FPR = 0.02;
const TARGET_RECALL = 0.95;
const seed = Number(process.env["BENCH_SEED"] ?? 1);
const scale = Number(process.env["BENCH_SCALE"] ?? 1);
// BENCH_SHAPES narrows the run to shapes whose names contain one of its comma-separated words (while tuning).
const only = process.env["BENCH_SHAPES"]?.split(",").filter(Boolean);
const selected = only ? shapes.filter((s) => only.some((word) => s.name.includes(word))) : shapes;
const started = performance.now();

interface Measured {
  labels: CaseLabel[];
  kaizen: Verdict[];
  before: Verdict[];
  ratio: ReferenceScore[];
  welch: ReferenceScore[];
  kaizenErrors: string[];
}

function measure(cases: Iterable<BenchCase>): Measured {
  const measured: Measured = { labels: [], kaizen: [], before: [], ratio: [], welch: [], kaizenErrors: [] };
  for (const { label, input, policy } of cases) {
    measured.labels.push(label);
    measured.kaizen.push(judge(detectChange, input, policy, label, measured.kaizenErrors));
    measured.before.push(judge(detectChangeBefore, input, policy, label, measured.kaizenErrors));
    measured.ratio.push(measureFixedRatio(input, policy));
    measured.welch.push(measureWelchTTest(input, policy));
  }
  return measured;
}

function judge(
  detector: (input: DetectorInput, policy: MetricPolicy) => { verdict: Verdict },
  input: DetectorInput,
  policy: MetricPolicy,
  label: CaseLabel,
  errors: string[],
): Verdict {
  try {
    return detector(input, policy).verdict;
  } catch (error) {
    // Counted as inconclusive and reported: one throwing case should not hide the other numbers.
    errors.push(`${label.shape}: ${String(error)}`);
    return "inconclusive";
  }
}

// 1. plan
const random = createRandomSource(seed);
const calibrationPlan = planCases("calibration", scale, selected);
const evaluationPlan = planCases("evaluation", scale, selected);

// 2. calibrate
const calibration = measure(calibrationPlan.map((planned) => generateCase(planned, random)));
const kaizenCalibrationFpr = scoreDetector("Kaizen", calibration.labels, calibration.kaizen).falsePositiveRate;
const calibratedFpr = Math.max(kaizenCalibrationFpr.share ?? 0, TARGET_FPR);
const ratioCutoff = calibrateCutoff(calibration.ratio, calibratedFpr);
const welchCalibratedCutoff = calibrateCutoff(calibration.welch, calibratedFpr);
const calibratedAlpha = Math.exp(-welchCalibratedCutoff);

// 3. evaluate (lazily, so a large scale does not hold every series in memory)
const evaluation = measure((function* () {
  for (const planned of evaluationPlan) yield generateCase(planned, random);
})());

// 3b. creep: sequences of deploys through the drift check (creep.ts)
const creep = only && !only.some((word) => "creep".includes(word)) ? [] : runCreepBench(random, scale);
const seconds = (performance.now() - started) / 1000;

// 4. score
const { labels } = evaluation;
const references = (scores: ReferenceScore[], cutoff: number) =>
  scores.map((score, k) => referenceVerdict(score, cutoff, labels[k]!.better));
const kaizen = scoreDetector("Kaizen", labels, evaluation.kaizen);
const worstShapeFpr = Math.max(...[...kaizen.falsePositiveRateByShape.values()].map((r) => r.share ?? 0));
const ratioCalibrated = scoreDetector(
  `fixed ratio, calibrated (> ${ratioCutoff.toFixed(3)}×)`,
  labels,
  references(evaluation.ratio, ratioCutoff),
);
const welchCalibrated = scoreDetector(
  `Welch t, calibrated (α = ${calibratedAlpha.toPrecision(2)})`,
  labels,
  references(evaluation.welch, welchCalibratedCutoff),
);
const kaizenBefore = scoreDetector("Kaizen before #12", labels, evaluation.before);
const scores: DetectorScore[] = [
  kaizen,
  kaizenBefore,
  ratioCalibrated,
  scoreDetector(`fixed ratio, stock (> ${STOCK_ALERT_RATIO}×)`, labels, references(evaluation.ratio, STOCK_ALERT_RATIO)),
  welchCalibrated,
  scoreDetector(`Welch t, stock (α = ${STOCK_ALPHA})`, labels, references(evaluation.welch, welchCutoff(STOCK_ALPHA))),
];

// 5. report
const quietCount = labels.filter((l) => l.step === null).length;
const verdict = (pass: boolean) => (pass ? "PASS" : "FAIL");
const f1 = (score: DetectorScore) => score.f1?.toFixed(3) ?? "—";
const beats = (reference: DetectorScore) => (kaizen.f1 ?? 0) > (reference.f1 ?? 0);
console.log(
  [
    `Detection benchmark: seed ${seed}, scale ${scale}; ${labels.length} evaluation cases (${quietCount} without change), ` +
      `${calibration.labels.length} calibration cases; ${seconds.toFixed(1)} s, ${random.draws()} random draws.`,
    `Calibration: Kaizen's FPR on the calibration set is ${percent(kaizenCalibrationFpr)}; references tuned to ` +
      `${(calibratedFpr * 100).toFixed(2)} % there: alert ratio ${ratioCutoff.toFixed(3)}, α = ${calibratedAlpha.toPrecision(2)}.`,
    renderTables(scores, selected.map((s) => s.name)),
    ...(creep.length > 0 ? [renderCreep(creep)] : []),
    [
      `${verdict((kaizen.falsePositiveRate.share ?? 1) <= TARGET_FPR)} FPR on no-change series ≤ 1 %: ${percent(kaizen.falsePositiveRate)}`,
      `${verdict(worstShapeFpr <= TARGET_SHAPE_FPR)} FPR ≤ 2 % on every shape: at most ${percent({ share: worstShapeFpr, of: 1 })}`,
      `${verdict((kaizen.targetRecall.share ?? 0) >= TARGET_RECALL)} recall ≥ 95 % on steps ≥ 3σ and beyond 5 %: ${percent(kaizen.targetRecall)}`,
      `${verdict(beats(ratioCalibrated))} F1 above the calibrated fixed ratio: ${f1(kaizen)} vs ${f1(ratioCalibrated)}`,
      `${verdict(beats(welchCalibrated))} F1 above the calibrated Welch t-test: ${f1(kaizen)} vs ${f1(welchCalibrated)}`,
      ...creepTargets(creep),
    ].join("\n"),
    ...(random.draws() >= 2 ** 32 ? ["WARNING: more than 2³² random draws; the stream repeated. Lower BENCH_SCALE."] : []),
    ...[...calibration.kaizenErrors, ...evaluation.kaizenErrors]
      .slice(0, 5)
      .map((e, k, shown) => `${k === 0 ? `Kaizen threw on ${calibration.kaizenErrors.length + evaluation.kaizenErrors.length} cases (counted inconclusive), e.g. ` : ""}${e}${k === shown.length - 1 ? "" : ";"}`),
  ].join("\n\n"),
);

function creepShare(row: CreepRow | undefined): number {
  return row ? row.flagged / row.runs : Number.NaN;
}

/** The creep rows: Kaizen before issue 12 had no drift check and judged each deploy alone (every step here is under the threshold). */
function renderCreep(rows: CreepRow[]): string {
  const rate = (row: CreepRow) => percent({ share: creepShare(row), of: row.runs });
  const lines = rows.map((row) => {
    const when = row.medianDeploys === null ? "" : `after ${row.medianDeploys} deploys, at +${row.medianCumulativePct!.toFixed(1)} %`;
    const label = row.scenario === "creep" ? "detected before 2× the threshold" : "drift issue opened (false)";
    return `| ${row.scenario} | ${(row.noise * 100).toFixed(1)} % | ${label} | 0.0 % (no drift check) | ${rate(row)} | ${when} |`;
  });
  return [
    `Slow creep (drift check after every deploy; threshold ${CREEP_POLICY.threshold.value * 100} %, drift α ${CREEP_POLICY.alpha}):`,
    "| scenario | level noise | measured | Kaizen before #12 | Kaizen | median detection |",
    "|---|---|---|---|---|---|",
    ...lines,
  ].join("\n");
}

function creepTargets(rows: CreepRow[]): string[] {
  if (rows.length === 0) return [];
  const at = (scenario: CreepRow["scenario"]) => rows.find((row) => row.scenario === scenario && row.noise === rows[0]!.noise);
  const creepShareValue = creepShare(at("creep"));
  const falseShare = Math.max(creepShare(at("random walk")), creepShare(at("stationary")));
  const noise = `${(rows[0]!.noise * 100).toFixed(1)} % level noise`;
  return [
    `${verdict(creepShareValue >= 0.95)} creep of 1–3 % per deploy caught before 2× the threshold in ≥ 95 % of runs (${noise}): ${(creepShareValue * 100).toFixed(1)} %`,
    `${verdict(falseShare <= 0.01)} random walks and stationary noise open a drift issue in ≤ 1 % of runs (${noise}): at most ${(falseShare * 100).toFixed(1)} %`,
  ];
}
