import { levelAt, series, type Shape } from "./shape.js";
import { FIRST_INDEX, SOAK, STEP_SECONDS, WINDOW } from "./windows.js";

/** Samples in a Prometheus `rate(x[5m])` at a 30 s step: it averages the last 10 increments. */
const RATE_SPAN = 300 / STEP_SECONDS;
const traffic = { positiveOnly: true, kind: "gauge" as const };

/** E[1/N | N ≥ 1] for N ~ Poisson(λ): the variance factor of a mean over a Poisson number of items. */
export function meanInverseOfPositivePoisson(lambda: number): number {
  let pmf = Math.exp(-lambda);
  let sum = 0;
  for (let k = 1; k < 10 * lambda + 50; k++) {
    pmf *= lambda / k;
    sum += pmf / k;
  }
  return sum / (1 - Math.exp(-lambda));
}

const REQUESTS_PER_SECOND = 1;
/** `rate(requests_total[5m])` of a service at 1 request/s, Poisson arrivals. */
const movingAverageRate: Shape = {
  ...traffic,
  name: "rate(x[5m])",
  description: "rate over 5 min sampled every 30 s: mean of the last 10 Poisson increments, 1 request/s",
  level: REQUESTS_PER_SECOND,
  sigma: Math.sqrt(RATE_SPAN * STEP_SECONDS * REQUESTS_PER_SECOND) / (RATE_SPAN * STEP_SECONDS),
  generate(random, shift) {
    const increment = (j: number) => random.poisson(STEP_SECONDS * levelAt(j, REQUESTS_PER_SECOND, shift));
    const recent = Array.from({ length: RATE_SPAN - 1 }, () => increment(0));
    return series((j) => {
      recent.push(increment(j));
      if (recent.length > RATE_SPAN) recent.shift();
      return recent.reduce((sum, n) => sum + n, 0) / (RATE_SPAN * STEP_SECONDS);
    });
  },
};

const LATENCY = 0.2;
const LATENCY_REQUESTS = 3;
/** Mean latency at 3 requests per sample: each sample averages Poisson(3) exponential durations; none → missing. */
const lowTrafficLatency: Shape = {
  ...traffic,
  name: "latency, 3 req/sample",
  description: "mean of Poisson(3) exponential latencies (mean 0.2 s) per sample; no request → missing",
  level: LATENCY,
  sigma: LATENCY * Math.sqrt(meanInverseOfPositivePoisson(LATENCY_REQUESTS)),
  generate: (random, shift) =>
    series((j) => {
      const requests = random.poisson(LATENCY_REQUESTS);
      const mean = levelAt(j, LATENCY, shift);
      let total = 0;
      for (let k = 0; k < requests; k++) total += random.exponential(mean);
      return requests === 0 ? Number.NaN : total / requests;
    }),
};

const ERROR_RATIO = 0.05;
const RATIO_REQUESTS = 20;
/** Error ratio at 20 requests per sample: errors and successes are independent Poisson counts; none → missing. */
const lowTrafficErrors: Shape = {
  ...traffic,
  name: "error ratio, 20 req/sample",
  description: "errors / requests with Poisson counts (20 requests per sample, 5 % errors); no request → missing",
  level: ERROR_RATIO,
  sigma: Math.sqrt(ERROR_RATIO * (1 - ERROR_RATIO) * meanInverseOfPositivePoisson(RATIO_REQUESTS)),
  generate: (random, shift) =>
    series((j) => {
      const ratio = levelAt(j, ERROR_RATIO, shift);
      const errors = random.poisson(RATIO_REQUESTS * ratio);
      const requests = errors + random.poisson(RATIO_REQUESTS * (1 - ratio));
      return requests === 0 ? Number.NaN : errors / requests;
    }),
};

const COUNTER_RATE = 10;
/**
 * A cumulative `requests_total` at 10 requests/s (Poisson increments per step), starting anywhere, that resets to 0
 * once at a random sample between the baseline's start and the candidate's end, as a restart does.
 */
const counter: Shape = {
  positiveOnly: true,
  kind: "counter",
  name: "counter (total)",
  description: "cumulative total at 10 requests/s with one reset to 0 near the deployment; labels are about its rate",
  level: COUNTER_RATE,
  sigma: Math.sqrt(STEP_SECONDS * COUNTER_RATE) / STEP_SECONDS,
  generate(random, shift) {
    let total = Math.floor(1e6 * random.uniform());
    const resetAt = -WINDOW + Math.floor(random.uniform() * (WINDOW + SOAK + WINDOW));
    return series((j) => {
      if (FIRST_INDEX + j === resetAt) total = 0;
      total += random.poisson(STEP_SECONDS * levelAt(j, COUNTER_RATE, shift));
      return total;
    });
  },
};

export const trafficShapes: Shape[] = [movingAverageRate, lowTrafficLatency, lowTrafficErrors, counter];
