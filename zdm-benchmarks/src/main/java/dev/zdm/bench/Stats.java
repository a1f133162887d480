package dev.zdm.bench;

import java.util.Arrays;
import java.util.Locale;

/** Medians and printing of the per-round figures of the benchmarks. */
final class Stats {

  private Stats() {}

  /** The median; the mean of the middle two for an even count. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The values as seconds with two decimals, space-separated. */
  static String seconds(double[] values) {
    StringBuilder text = new StringBuilder();
    for (double value : values) {
      text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", value));
    }
    return text.toString();
  }
}
