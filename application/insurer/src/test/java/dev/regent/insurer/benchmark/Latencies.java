package dev.regent.insurer.benchmark;

import java.util.Collection;

/** Milliseconds, summarised as p50 / p99 / max. */
record Latencies(int count, double p50, double p99, double max) {

    static Latencies of(Collection<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Latencies(sorted.length, at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms (n=%,d)", p50, p99, max, count);
    }
}
