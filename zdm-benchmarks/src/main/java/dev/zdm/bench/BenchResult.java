package dev.zdm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one benchmark run: parameters, baseline and zdm figures, and the summary lines,
 * each with a ratio and, where the issue sets one, a target it passed or missed. Filled by one
 * benchmark, then read by {@link ResultsWriter}; not thread-safe.
 */
final class BenchResult {

  /** Whether a summary line met its target; {@code INFO} when it has none. */
  enum Verdict {
    PASS,
    MISS,
    INFO
  }

  /**
   * One row of the summary table.
   *
   * @param label what is measured
   * @param baseline the baseline's figure, as text
   * @param zdm zdm's figure, as text
   * @param ratio the ratio (see {@code ratioMeaning}), or null
   * @param ratioMeaning how the ratio is formed, e.g. "zdm/plain throughput"
   * @param target the target, as text, or "" when there is none
   * @param verdict pass, miss or info
   */
  record Line(
      String label,
      String baseline,
      String zdm,
      Double ratio,
      String ratioMeaning,
      String target,
      Verdict verdict) {}

  final String name;
  final Map<String, Object> parameters = new LinkedHashMap<>();
  final Map<String, Object> baseline = new LinkedHashMap<>();
  final Map<String, Object> zdm = new LinkedHashMap<>();
  final List<Line> lines = new ArrayList<>();
  final List<String> charts = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final Map<String, Object> extra = new LinkedHashMap<>();

  BenchResult(String name) {
    this.name = name;
  }

  BenchResult parameter(String key, Object value) {
    parameters.put(key, value);
    return this;
  }

  BenchResult baseline(String key, Object value) {
    baseline.put(key, value);
    return this;
  }

  BenchResult zdm(String key, Object value) {
    zdm.put(key, value);
    return this;
  }

  /** A line without a target. */
  BenchResult info(String label, String baseline, String zdm, Double ratio, String meaning) {
    lines.add(new Line(label, baseline, zdm, ratio, meaning, "", Verdict.INFO));
    return this;
  }

  /** A line with a target and whether it was met. */
  BenchResult target(
      String label,
      String baseline,
      String zdm,
      Double ratio,
      String meaning,
      String target,
      boolean met) {
    lines.add(
        new Line(label, baseline, zdm, ratio, meaning, target, met ? Verdict.PASS : Verdict.MISS));
    return this;
  }

  BenchResult chart(String fileName) {
    charts.add(fileName);
    return this;
  }

  BenchResult note(String text) {
    notes.add(text);
    return this;
  }

  /** The first line that has a target, else the first line, else null. */
  Line headline() {
    return lines.stream()
        .filter(line -> line.verdict() != Verdict.INFO)
        .findFirst()
        .orElse(lines.isEmpty() ? null : lines.get(0));
  }

  /** The JSON object of this result (see {@link Json}). */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("parameters", parameters);
    json.put("baseline", baseline);
    json.put("zdm", zdm);
    Line headline = headline();
    json.put("ratio", headline == null ? null : headline.ratio());
    json.put("ratio_meaning", headline == null ? null : headline.ratioMeaning());
    json.put("target", headline == null ? null : headline.target());
    json.put("pass", passed());
    List<Object> rows = new ArrayList<>();
    for (Line line : lines) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("label", line.label());
      row.put("baseline", line.baseline());
      row.put("zdm", line.zdm());
      row.put("ratio", line.ratio());
      row.put("ratio_meaning", line.ratioMeaning());
      row.put("target", line.target());
      row.put("verdict", line.verdict().name().toLowerCase(java.util.Locale.ROOT));
      rows.add(row);
    }
    json.put("lines", rows);
    json.put("charts", charts);
    json.put("notes", notes);
    json.putAll(extra);
    return json;
  }

  /** True when every targeted line passed, false when one missed, null when none has a target. */
  Boolean passed() {
    boolean any = false;
    for (Line line : lines) {
      if (line.verdict() == Verdict.MISS) {
        return false;
      }
      any |= line.verdict() == Verdict.PASS;
    }
    return any ? true : null;
  }
}
