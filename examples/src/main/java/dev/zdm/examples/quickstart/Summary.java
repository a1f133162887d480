package dev.zdm.examples.quickstart;

import dev.zdm.JsonText;
import dev.zdm.Phase;
import dev.zdm.control.SwitchReport;
import dev.zdm.verify.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a run did, printed at the end and written as JSON by {@code --report}. */
final class Summary {

  record Check(String direction, VerificationReport report) {}

  String source;
  String target;
  Phase phase;
  long rowsCopied;
  double backfillSeconds;
  long writes;
  long reads;
  long retried;
  long failed;
  String firstFailure;

  /** Differences the verifications found; shadow-read mismatches are added in {@link #found()}. */
  long differences;

  /** Whether the run served traffic in SHADOW, where reads are shadowed. */
  boolean shadowed;

  ShadowCheck.Counts shadow = ShadowCheck.Counts.NONE;
  long deadLetters;
  boolean drained = true;
  boolean ok;
  String error;
  final List<Check> verifications = new ArrayList<>();
  final List<SwitchReport> switches = new ArrayList<>();

  void record(ShopTraffic traffic, List<SwitchReport> done) {
    writes = traffic.writes.get();
    reads = traffic.reads.get();
    retried = traffic.retried.get();
    failed = traffic.failures.get();
    firstFailure = traffic.firstFailure.get();
    switches.addAll(done);
  }

  /** Differences found: by the verifications, plus the shadow reads' mismatches. */
  long found() {
    return differences + shadow.mismatches();
  }

  double rate() {
    return backfillSeconds == 0 ? 0 : rowsCopied / backfillSeconds;
  }

  String toJson() {
    StringBuilder json = new StringBuilder("{");
    field(json, "source", source).append(',');
    field(json, "target", target).append(',');
    field(json, "phase", phase == null ? null : phase.name()).append(',');
    json.append("\"ok\":").append(ok).append(',');
    json.append("\"backfill\":{\"rowsCopied\":").append(rowsCopied);
    json.append(",\"seconds\":").append(String.format(Locale.ROOT, "%.3f", backfillSeconds));
    json.append(",\"rowsPerSecond\":").append(Math.round(rate())).append("},");
    json.append("\"requests\":{\"served\":").append(writes + reads);
    json.append(",\"writes\":").append(writes).append(",\"reads\":").append(reads);
    json.append(",\"retried\":").append(retried).append(",\"failed\":").append(failed);
    json.append(',');
    field(json, "firstFailure", firstFailure).append("},");
    json.append("\"switches\":[");
    for (int i = 0; i < switches.size(); i++) {
      SwitchReport s = switches.get(i);
      json.append(i == 0 ? "" : ",").append('{');
      field(json, "from", s.from().name()).append(',');
      field(json, "to", s.to().name()).append(',');
      json.append("\"writePauseMs\":").append(s.writePause().toMillis());
      json.append(",\"fenceWaitMs\":").append(s.fenceWait().toMillis());
      json.append(",\"drainedChanges\":").append(s.drainedChanges()).append('}');
    }
    json.append("],\"verifications\":[");
    for (int i = 0; i < verifications.size(); i++) {
      Check c = verifications.get(i);
      json.append(i == 0 ? "" : ",").append('{');
      field(json, "direction", c.direction()).append(',');
      field(json, "outcome", c.report().outcome().code()).append(',');
      json.append("\"rowsCompared\":").append(c.report().rowsCompared());
      json.append(",\"differences\":").append(c.report().differenceCount()).append('}');
    }
    json.append("],\"shadowReads\":{\"shadowed\":").append(shadowed);
    json.append(",\"sampleOneIn\":").append(ShadowCheck.SAMPLE_ONE_IN);
    json.append(",\"compared\":").append(shadow.compared());
    json.append(",\"matches\":").append(shadow.matches());
    json.append(",\"mismatches\":").append(shadow.mismatches());
    json.append(",\"ignored\":").append(shadow.ignored());
    json.append(",\"errors\":").append(shadow.errors());
    json.append(",\"timeouts\":").append(shadow.timeouts());
    json.append(",\"skipped\":").append(shadow.skipped()).append('}');
    json.append(",\"differencesFound\":").append(found());
    json.append(",\"deadLetters\":").append(deadLetters).append(',');
    field(json, "error", error);
    return json.append("}\n").toString();
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":");
    if (value == null) {
      return json.append("null");
    }
    return JsonText.appendQuoted(json, value);
  }
}
