/**
 * The data the test Prometheus serves (generated here, backfilled by test/setup/prometheus.ts).
 *
 * Gauges, one sample every 15 s from now − 6 h to now − 1 min, label env="production", with seeded
 * uniform noise of ±2 % around these levels:
 *   kaizen_test_latency_seconds           0.100 before STEP_AT, 0.150 from STEP_AT     → regression (better: lower)
 *   kaizen_test_throughput_rps            100 before STEP_AT,   130 from STEP_AT       → improvement (better: higher)
 *   kaizen_test_error_ratio               0.010 throughout                              → no change
 *   kaizen_test_flapping_latency_seconds  0.100, 0.150 from STEP_AT, 0.100 from RECOVERY_AT → regression, then recovery
 *   kaizen_test_blip_latency_seconds      0.100, 0.150 for BLIP_MINUTES from STEP_AT, then 0.100 → a regression that
 *                                         a later window does not confirm
 * Counter kaizen_test_requests_total{env="production"}: 100 requests/s before STEP_AT, 130/s from it, restarting
 *   from 0 (a process restart) at STEP_AT − 45 min → with `kind: counter`, an improvement (better: higher).
 * Gauge kaizen_test_daily_latency_seconds{env="production"}, one sample a minute from now − 8 d: a daily rhythm
 *   DAILY_LEVEL × (1 + DAILY_AMPLITUDE × sin(2π (t − STEP_AT) / 1 d)), steepest rise at STEP_AT, no step at all →
 *   the window after STEP_AT is higher than the one before it, but no higher than at the same hour yesterday.
 * Histogram http_request_duration_seconds{env="production"} (buckets, _sum, _count; ~100 requests per 15 s):
 *   histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{env="production"}[5m])))
 *   is ≈ 0.23 s before STEP_AT and ≈ 0.48 s once the 5m rate window lies after it.
 * Gauge kaizen_test_creep_latency{env="production"}: slow creep (issue 12). 0.1 until the first of
 *   CREEP.deploys deploys, each CREEP.everySeconds apart from creepDeployAt(1) = STEP_AT − 140 min; after deploy k
 *   (until the next) 0.1 × (1 + CREEP.perDeploy)^k, so every deploy adds 2.5 % (under a 10 % threshold) and eight
 *   add 22 %; from the recovery deploy creepDeployAt(CREEP.deploys + 1) on, 0.1 again.
 * Nothing exists for env="staging" (→ no data).
 *
 * STEP_AT = now − 3 h rounded to the minute, RECOVERY_AT = STEP_AT + 90 min (unix seconds). Both reach
 * the test workers through KAIZEN_TEST_STEP_AT / KAIZEN_TEST_RECOVERY_AT, the server through
 * KAIZEN_TEST_PROMETHEUS_URL; read them with `readPrometheusFixture()`.
 */

/** Gauge levels before STEP_AT, between STEP_AT and RECOVERY_AT, and after RECOVERY_AT. */
export const FIXTURE_GAUGES = {
  kaizen_test_latency_seconds: [0.1, 0.15, 0.15],
  kaizen_test_throughput_rps: [100, 130, 130],
  kaizen_test_error_ratio: [0.01, 0.01, 0.01],
  kaizen_test_flapping_latency_seconds: [0.1, 0.15, 0.1],
} as const;

/** The creep series' deploys: creepDeployAt(k) for k = 1 … deploys, then one more where the level returns. */
export const CREEP = { deploys: 8, perDeploy: 0.025, everySeconds: 600, level: 0.1 } as const;

/**
 * A kaizen.yml for deploys measured against the creep series (5-minute windows, no soak, no quiet history, issues
 * opened at once), with `extraMetrics` (YAML list items) ahead of the creep latency metric.
 */
export function creepKaizenYml(extraMetrics = ""): string {
  return `
deployments:
  environments: [production]
  soak: 0s
  window: 5m
  step: 15s
  noise_windows: 0
metrics:
${extraMetrics}  - name: creep latency
    query: kaizen_test_creep_latency{env="{{environment}}"}
    unit: s
    better: lower
    threshold: 10%
issues:
  labels: [performance]
  confirm: 0
`;
}

/** Unix seconds of the creep series' k-th deploy (1-based; deploys + 1 is the recovery). */
export function creepDeployAt(stepAt: number, k: number): number {
  return stepAt - 150 * 60 + k * CREEP.everySeconds;
}

function creepLevel(stepAt: number, t: number): number {
  const k = Math.floor((t - creepDeployAt(stepAt, 0)) / CREEP.everySeconds);
  if (k < 1 || k > CREEP.deploys) return CREEP.level;
  return CREEP.level * (1 + CREEP.perDeploy) ** k;
}

export const BLIP_MINUTES = 45;
export const DAILY_LEVEL = 0.1;
export const DAILY_AMPLITUDE = 0.5;
const DAY = 86_400;

/** Relative half-width of the uniform noise on every gauge sample and on the request rate. */
export const FIXTURE_NOISE = 0.02;
export const FIXTURE_SAMPLE_INTERVAL_SECONDS = 15;
export const FIXTURE_SEED = 20240601;

/** The histogram's p95 before and after STEP_AT, as the realistic query above computes it. */
export const FIXTURE_HISTOGRAM = {
  name: "http_request_duration_seconds",
  p95Before: 0.1 + 0.15 * (0.15 / 0.17),
  p95After: 0.25 + 0.25 * (0.15 / 0.16),
} as const;

const BUCKETS = ["0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"];
// Cumulative share of requests at or below each bucket bound, and the mean latency for _sum.
const BEFORE = { cumulative: [0.4, 0.8, 0.97, 0.99, 1, 1, 1], mean: 0.08 };
const AFTER = { cumulative: [0.2, 0.5, 0.8, 0.96, 0.99, 1, 1], mean: 0.2 };
const REQUESTS_PER_SAMPLE = 100;
const LABELS = 'env="production"';

/** Where the fixture's time line lies, in unix seconds. */
export interface FixtureTimeline {
  stepAt: number;
  recoveryAt: number;
  firstSampleAt: number;
  lastSampleAt: number;
}

/** Builds the OpenMetrics text for `promtool tsdb create-blocks-from openmetrics` (seconds, `# EOF`). */
export function generateOpenMetrics(nowSeconds: number, seed = FIXTURE_SEED): { text: string; timeline: FixtureTimeline } {
  const step = FIXTURE_SAMPLE_INTERVAL_SECONDS;
  const stepAt = Math.round((nowSeconds - 3 * 3600) / 60) * 60;
  const timeline: FixtureTimeline = {
    stepAt,
    recoveryAt: stepAt + 90 * 60,
    firstSampleAt: Math.ceil((nowSeconds - 6 * 3600) / step) * step,
    lastSampleAt: Math.floor((nowSeconds - 60) / step) * step,
  };
  const times: number[] = [];
  for (let t = timeline.firstSampleAt; t <= timeline.lastSampleAt; t += step) times.push(t);

  const random = mulberry32(seed);
  const noisy = (level: number) => level * (1 + FIXTURE_NOISE * (2 * random() - 1));
  const phase = (t: number) => (t < timeline.stepAt ? 0 : t < timeline.recoveryAt ? 1 : 2);

  const lines: string[] = [];
  for (const [name, levels] of Object.entries(FIXTURE_GAUGES)) {
    lines.push(`# TYPE ${name} gauge`);
    for (const t of times) lines.push(`${name}{${LABELS}} ${noisy(levels[phase(t)]).toFixed(6)} ${t}`);
  }

  const blip = (t: number) => (t >= stepAt && t < stepAt + BLIP_MINUTES * 60 ? 0.15 : 0.1);
  lines.push("# TYPE kaizen_test_blip_latency_seconds gauge");
  for (const t of times) lines.push(`kaizen_test_blip_latency_seconds{${LABELS}} ${noisy(blip(t)).toFixed(6)} ${t}`);

  const restartAt = stepAt - 45 * 60;
  let total = 0;
  lines.push("# TYPE kaizen_test_requests counter");
  for (const t of times) {
    if (t >= restartAt && t - step < restartAt) total = 0;
    total += noisy(t < stepAt ? 100 : 130) * step;
    lines.push(`kaizen_test_requests_total{${LABELS}} ${total.toFixed(1)} ${t}`);
  }

  lines.push("# TYPE kaizen_test_daily_latency_seconds gauge");
  const firstDaily = Math.ceil((nowSeconds - 8 * DAY) / 60) * 60;
  for (let t = firstDaily; t <= timeline.lastSampleAt; t += 60) {
    const level = DAILY_LEVEL * (1 + DAILY_AMPLITUDE * Math.sin((2 * Math.PI * (t - stepAt)) / DAY));
    lines.push(`kaizen_test_daily_latency_seconds{${LABELS}} ${noisy(level).toFixed(6)} ${t}`);
  }

  const { name } = FIXTURE_HISTOGRAM;
  const buckets = BUCKETS.map(() => 0);
  let count = 0;
  let sum = 0;
  lines.push(`# TYPE ${name} histogram`);
  for (const t of times) {
    const shape = t < timeline.stepAt ? BEFORE : AFTER;
    const requests = Math.round(noisy(REQUESTS_PER_SAMPLE));
    shape.cumulative.forEach((share, i) => (buckets[i] = (buckets[i] ?? 0) + Math.round(requests * share)));
    count += requests;
    sum += requests * shape.mean;
    BUCKETS.forEach((le, i) => lines.push(`${name}_bucket{${LABELS},le="${le}"} ${buckets[i]} ${t}`));
    lines.push(`${name}_sum{${LABELS}} ${sum.toFixed(3)} ${t}`, `${name}_count{${LABELS}} ${count} ${t}`);
  }
  // Its own random stream, so the series above keep the numbers they had before it was added.
  const creepRandom = mulberry32(seed + 12);
  lines.push("# TYPE kaizen_test_creep_latency gauge");
  for (const t of times) {
    const value = creepLevel(stepAt, t) * (1 + FIXTURE_NOISE * (2 * creepRandom() - 1));
    lines.push(`kaizen_test_creep_latency{${LABELS}} ${value.toFixed(6)} ${t}`);
  }
  lines.push("# EOF");
  return { text: `${lines.join("\n")}\n`, timeline };
}

/** The running test Prometheus, as global setup announced it to the workers. */
export function readPrometheusFixture(): { url: string; stepAt: number; recoveryAt: number } {
  const url = process.env.KAIZEN_TEST_PROMETHEUS_URL;
  const stepAt = Number(process.env.KAIZEN_TEST_STEP_AT);
  const recoveryAt = Number(process.env.KAIZEN_TEST_RECOVERY_AT);
  if (!url || !Number.isFinite(stepAt) || !Number.isFinite(recoveryAt)) {
    throw new Error("The test Prometheus is not running: run the tests through jest, whose global setup starts it.");
  }
  return { url, stepAt, recoveryAt };
}

/** A small seeded PRNG, so every run backfills the same numbers. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
