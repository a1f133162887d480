package dev.zdm.verify;

import dev.zdm.JsonText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one verification: per table the rows and chunks compared, the time taken and the
 * exact keys that differ, as JSON ({@link #toJson()}) or text ({@link #toText()}). Row values
 * appear only when the verification was told to show them; keys always appear, since they name rows
 * rather than hold their contents. Immutable.
 *
 * @param migration the migration
 * @param startedAt when the run started
 * @param finishedAt when it finished
 * @param tables per table, in configuration order
 * @param error why the run failed, or empty
 */
public record VerificationReport(
    String migration,
    Instant startedAt,
    Instant finishedAt,
    List<TableReport> tables,
    Optional<String> error) {

  /** Outcomes, as the verifications table stores them. */
  public enum Outcome {
    /** Every table compared and no difference persisted. */
    CLEAN,
    /** Every table compared and some differences persisted. */
    DIFFERENCES,
    /** The run did not finish; see {@link #error()}. */
    FAILED;

    /**
     * Returns the name the verifications table stores.
     *
     * @return {@code clean}, {@code differences} or {@code failed}
     */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Copies the list. */
  public VerificationReport {
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    tables = List.copyOf(tables);
    Objects.requireNonNull(error, "error");
  }

  /**
   * Returns the outcome.
   *
   * @return failed if there is an error, else differences if any, else clean
   */
  public Outcome outcome() {
    if (error.isPresent()) {
      return Outcome.FAILED;
    }
    return differenceCount() == 0 ? Outcome.CLEAN : Outcome.DIFFERENCES;
  }

  /**
   * Returns every difference of every table.
   *
   * @return the differences
   */
  public List<Difference> differences() {
    return tables.stream().flatMap(t -> t.differences().stream()).toList();
  }

  /**
   * Counts the differences.
   *
   * @return how many rows differ
   */
  public long differenceCount() {
    return tables.stream().mapToLong(t -> t.differences().size()).sum();
  }

  /**
   * Counts the source rows compared.
   *
   * @return the sum over tables
   */
  public long rowsCompared() {
    return tables.stream().mapToLong(TableReport::rowsCompared).sum();
  }

  /**
   * Returns the wall-clock time of the run.
   *
   * @return finished minus started
   */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /**
   * Writes the report as one JSON object. Values are present only if the run showed them.
   *
   * @return JSON text
   */
  public String toJson() {
    StringBuilder json = new StringBuilder("{");
    field(json, "migration").append(JsonText.quote(migration)).append(',');
    field(json, "outcome").append(JsonText.quote(outcome().code())).append(',');
    field(json, "startedAt").append(JsonText.quote(startedAt.toString())).append(',');
    field(json, "finishedAt").append(JsonText.quote(finishedAt.toString())).append(',');
    field(json, "durationMs").append(duration().toMillis()).append(',');
    field(json, "tablesCompared").append(tables.size()).append(',');
    field(json, "rowsCompared").append(rowsCompared()).append(',');
    field(json, "differences").append(differenceCount()).append(',');
    if (error.isPresent()) {
      field(json, "error").append(JsonText.quote(error.get())).append(',');
    }
    field(json, "tables").append('[');
    for (int t = 0; t < tables.size(); t++) {
      TableReport table = tables.get(t);
      json.append(t > 0 ? ",{" : "{");
      field(json, "table").append(JsonText.quote(table.table())).append(',');
      field(json, "targetTable").append(JsonText.quote(table.targetTable())).append(',');
      field(json, "rowsCompared").append(table.rowsCompared()).append(',');
      field(json, "chunks").append(table.chunks()).append(',');
      field(json, "chunksMismatched").append(table.chunksMismatched()).append(',');
      field(json, "durationMs").append(table.duration().toMillis()).append(',');
      field(json, "missingOnTarget").append(table.count(Difference.Kind.MISSING_ON_TARGET));
      json.append(',');
      field(json, "extraOnTarget").append(table.count(Difference.Kind.EXTRA_ON_TARGET));
      json.append(',');
      field(json, "different").append(table.count(Difference.Kind.DIFFERENT)).append(',');
      field(json, "rows").append('[');
      for (int d = 0; d < table.differences().size(); d++) {
        Difference difference = table.differences().get(d);
        json.append(d > 0 ? ",{" : "{");
        field(json, "kind")
            .append(JsonText.quote(difference.kind().name().toLowerCase(Locale.ROOT)));
        json.append(',');
        field(json, "key").append(difference.key().toJson());
        if (!difference.columns().isEmpty()) {
          json.append(',');
          field(json, "columns").append('[');
          for (int c = 0; c < difference.columns().size(); c++) {
            json.append(c > 0 ? "," : "").append(JsonText.quote(difference.columns().get(c)));
          }
          json.append(']');
        }
        values(json, "source", difference.sourceValues());
        values(json, "target", difference.targetValues());
        json.append('}');
      }
      json.append("]}");
    }
    return json.append("]}").toString();
  }

  /**
   * Writes the report as text for people: a summary, a line per table, a line per difference.
   *
   * @return the text, lines ending in {@code \n}
   */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "verification of %s: %s, %,d rows in %d tables compared in %d ms, %,d differences%n",
            migration,
            outcome().code(),
            rowsCompared(),
            tables.size(),
            duration().toMillis(),
            differenceCount()));
    error.ifPresent(e -> text.append("  failed: ").append(e).append('\n'));
    for (TableReport table : tables) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %s -> %s: %,d rows, %d chunks (%d mismatched), %d ms; missing on target %d,"
                  + " extra on target %d, different %d%n",
              table.table(),
              table.targetTable(),
              table.rowsCompared(),
              table.chunks(),
              table.chunksMismatched(),
              table.duration().toMillis(),
              table.count(Difference.Kind.MISSING_ON_TARGET),
              table.count(Difference.Kind.EXTRA_ON_TARGET),
              table.count(Difference.Kind.DIFFERENT)));
      for (Difference d : table.differences()) {
        text.append("    ")
            .append(d.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .append(' ')
            .append(d.key().toJson());
        if (!d.columns().isEmpty()) {
          text.append(" columns ").append(String.join(", ", d.columns()));
        }
        if (!d.sourceValues().isEmpty() || !d.targetValues().isEmpty()) {
          text.append(" source ")
              .append(d.sourceValues())
              .append(" target ")
              .append(d.targetValues());
        }
        text.append('\n');
      }
    }
    return text.toString();
  }

  /**
   * Returns this report without any row values.
   *
   * @return a copy whose differences are {@link Difference#redacted()}
   */
  public VerificationReport redacted() {
    List<TableReport> copies =
        tables.stream()
            .map(
                t ->
                    new TableReport(
                        t.table(),
                        t.targetTable(),
                        t.rowsCompared(),
                        t.chunks(),
                        t.chunksMismatched(),
                        t.duration(),
                        t.differences().stream().map(Difference::redacted).toList()))
            .toList();
    return new VerificationReport(migration, startedAt, finishedAt, copies, error);
  }

  private static void values(StringBuilder json, String name, Map<String, String> values) {
    if (values.isEmpty()) {
      return;
    }
    json.append(',');
    field(json, name).append('{');
    int i = 0;
    for (Map.Entry<String, String> value : values.entrySet()) {
      json.append(i++ > 0 ? "," : "").append(JsonText.quote(value.getKey())).append(':');
      json.append(value.getValue() == null ? "null" : JsonText.quote(value.getValue()));
    }
    json.append('}');
  }

  private static StringBuilder field(StringBuilder json, String name) {
    return json.append('"').append(name).append("\":");
  }
}
