package dev.zdm.bench;

import java.util.Arrays;

/** Percentiles of recorded durations, in microseconds. Not thread-safe; fill, then read. */
final class Distribution {

  private long[] values = new long[1024];
  private int size;

  void add(long micros) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = micros;
  }

  /** Adds every value recorded by {@code other}. */
  void addAll(Distribution other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  int count() {
    return size;
  }

  /** The value at a percentile (0-100) by nearest rank. */
  long percentile(double p) {
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
  }

  static String millis(long micros) {
    return String.format("%.1f ms", micros / 1000.0);
  }
}
