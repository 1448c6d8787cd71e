/** Label values of one time series. */
export type Labels = Readonly<Record<string, string>>;

interface Series<T> {
  labels: Labels;
  value: T;
}

abstract class Metric<T> {
  protected readonly series = new Map<string, Series<T>>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  protected entry(labels: Labels, initial: () => T): Series<T> {
    const key = this.labelNames.map((name) => labels[name] ?? '').join('\u0000');
    let found = this.series.get(key);
    if (!found) {
      found = { labels: Object.fromEntries(this.labelNames.map((name) => [name, labels[name] ?? ''])), value: initial() };
      this.series.set(key, found);
    }
    return found;
  }

  abstract render(): string[];
}

/** A monotonically increasing count. */
export class Counter extends Metric<number> {
  inc(labels: Labels, by = 1): void {
    if (by < 0 || !Number.isFinite(by)) return;
    this.entry(labels, () => 0).value += by;
  }

  get(labels: Labels): number {
    return this.entry(labels, () => 0).value;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.series.values()) lines.push(`${this.name}${formatLabels(labels)} ${value}`);
    return lines;
  }
}

/** A value that goes up and down. */
export class Gauge extends Metric<number> {
  set(labels: Labels, value: number): void {
    this.entry(labels, () => 0).value = value;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const { labels, value } of this.series.values()) lines.push(`${this.name}${formatLabels(labels)} ${value}`);
    return lines;
  }
}

interface HistogramValue {
  buckets: number[];
  sum: number;
  count: number;
}

/** Observations counted into cumulative buckets, with their sum and count. */
export class Histogram extends Metric<HistogramValue> {
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly bounds: readonly number[],
  ) {
    super(name, help, labelNames);
  }

  observe(labels: Labels, value: number): void {
    if (!Number.isFinite(value)) return;
    const series = this.entry(labels, () => ({ buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
    series.value.sum += value;
    series.value.count += 1;
    this.bounds.forEach((bound, index) => {
      if (value <= bound) series.value.buckets[index] = (series.value.buckets[index] ?? 0) + 1;
    });
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, value } of this.series.values()) {
      this.bounds.forEach((bound, index) => lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: String(bound) })} ${value.buckets[index]}`));
      lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${value.count}`);
      lines.push(`${this.name}_sum${formatLabels(labels)} ${value.sum}`);
      lines.push(`${this.name}_count${formatLabels(labels)} ${value.count}`);
    }
    return lines;
  }
}

/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format (version 0.0.4). Kept in core so every mount serves the same `/metrics`
 * without a dependency.
 */
export class MetricsRegistry {
  private readonly metrics: { render(): string[] }[] = [];

  counter(name: string, help: string, labelNames: readonly string[]): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[]): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[], bounds: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, labelNames, bounds));
  }

  render(): string {
    return this.metrics.flatMap((metric) => metric.render()).join('\n') + '\n';
  }

  private add<M extends { render(): string[] }>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`).join(',')}}`;
}
