import type { SourceSettings, SourcesFile } from "../../config/sources-file.js";
import type { MetricsSource } from "./metrics-source.js";
import { createPrometheusSource } from "./prometheus/create-prometheus-source.js";

/** The operator's sources, by name. Repos can only refer to these. */
export interface SourceRegistry {
  get(name: string): MetricsSource | undefined;
  /** Names in the order of the sources file; the first one is the default source. */
  names(): string[];
}

type SourceFactories = {
  [Type in SourceSettings["type"]]: (name: string, settings: Extract<SourceSettings, { type: Type }>) => MetricsSource;
};

/** One factory per source `type`; a new kind of source is one folder plus one line here. */
const factories: SourceFactories = {
  prometheus: createPrometheusSource,
};

/** Builds every source in the file once, up front, so a bad entry fails at startup rather than mid-evaluation. */
export function createSourceRegistry(file: SourcesFile): SourceRegistry {
  const sources = new Map<string, MetricsSource>(
    Object.entries(file.sources).map(([name, settings]) => [name, factories[settings.type](name, settings)]),
  );
  return {
    get: (name) => sources.get(name),
    names: () => [...sources.keys()],
  };
}
