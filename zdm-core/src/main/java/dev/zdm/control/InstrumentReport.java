package dev.zdm.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One instrument's current figures, as {@link MigrationStatus#instruments()} shows them to an
 * operator: shadow-read outcome counts, the read canary's share, the automatic rollback policy's
 * figures against its thresholds.
 *
 * <p>Figures are plain values (numbers, strings, booleans, durations, nested maps) in the order the
 * instrument gives them, so an operator view or a JSON endpoint can show them as they are. They
 * never hold row values or credentials.
 *
 * @param name the instrument's name, for example {@code shadow-reads}
 * @param summary one line an operator reads first
 * @param figures the figures by name, in order
 */
public record InstrumentReport(String name, String summary, Map<String, Object> figures) {

  /** Copies the figures, keeping their order. */
  public InstrumentReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }
}
