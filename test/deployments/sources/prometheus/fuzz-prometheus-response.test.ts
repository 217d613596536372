import fc from "fast-check";
import { SourceError } from "../../../../src/deployments/sources/metrics-source.js";
import { parseQueryRangeResponse } from "../../../../src/deployments/sources/prometheus/prometheus-response.js";

// Property-based fuzzing of the Prometheus answer parser: any JSON gives samples or a SourceError (the metric's
// Inconclusive reason), never another exception, and the samples it gives are finite and inside the window.
const SEED = 20_261_205;
const END = 1_767_268_800;

const sample = fc.tuple(fc.oneof(fc.integer({ min: END - 600, max: END + 600 }), fc.double()), fc.oneof(fc.constantFrom("1", "NaN", "+Inf", "-Inf", "1e309", "", "x"), fc.double().map(String)));
const series = fc.record({
  metric: fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }), fc.constant(null), fc.integer()),
  values: fc.oneof(fc.array(sample, { maxLength: 20 }), fc.constant(undefined), fc.string()),
});
const answer = fc.oneof(
  fc.record({
    status: fc.constantFrom("success", "error", "weird"),
    data: fc.oneof(fc.record({ resultType: fc.constantFrom("matrix", "vector", "scalar"), result: fc.oneof(fc.array(series, { maxLength: 4 }), fc.jsonValue()) }), fc.jsonValue()),
    errorType: fc.oneof(fc.string(), fc.integer()),
    error: fc.string(),
  }, { requiredKeys: ["status"] }),
  fc.jsonValue(),
);

describe("parseQueryRangeResponse under fuzzing", () => {
  it("answers samples or a SourceError, and only finite samples before the window's end", () => {
    fc.assert(
      fc.property(answer, (body) => {
        try {
          const samples = parseQueryRangeResponse("prometheus", body, END);
          expect(samples.timestamps).toHaveLength(samples.values.length);
          for (const value of samples.values) expect(Number.isFinite(value)).toBe(true);
          for (const timestamp of samples.timestamps) expect(timestamp).toBeLessThan(END);
        } catch (error) {
          if (!(error instanceof SourceError)) throw error;
          expect(error.message).toMatch(/^prometheus: /);
        }
      }),
      { seed: SEED, numRuns: 1_000 },
    );
  });

  it("refuses many series in time linear in their number", () => {
    const many = (count: number) => ({
      status: "success",
      data: { resultType: "matrix", result: Array.from({ length: count }, (_, i) => ({ metric: { pod: `p${i}` }, values: [[END - 60, "1"]] })) },
    });
    const time = (body: unknown) => {
      const start = performance.now();
      expect(() => parseQueryRangeResponse("prometheus", body, END)).toThrow(SourceError);
      return performance.now() - start;
    };
    const small = many(5_000);
    const large = many(20_000);
    time(small);
    expect(Math.min(time(large), time(large))).toBeLessThan(10 * Math.max(Math.min(time(small), time(small)), 10));
  });
});
