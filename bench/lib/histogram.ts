import * as hdr from 'hdr-histogram-js';

/** Latency samples in microseconds, summarized in milliseconds. */
export class Latency {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });

  recordMs(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  summary(): { count: number; p50: number; p90: number; p99: number; max: number } {
    const at = (p: number) => this.histogram.getValueAtPercentile(p) / 1000;
    return { count: this.count, p50: at(50), p90: at(90), p99: at(99), max: this.histogram.maxValue / 1000 };
  }
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
