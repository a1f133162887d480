package dev.zdm.spring.boot.actuate;

import dev.zdm.backfill.BackfillProgress;
import dev.zdm.control.GuardCheck;
import dev.zdm.control.InstrumentReport;
import dev.zdm.control.MigrationStatus;
import dev.zdm.jdbc.Replication;
import dev.zdm.relay.DeadLetter;
import dev.zdm.spring.boot.ZdmMigration;
import dev.zdm.spring.boot.ZdmRelays;
import dev.zdm.verify.VerificationReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The endpoint's JSON shape of a migration's status; plain maps and lists, no row values. */
final class StatusView {

  private StatusView() {}

  static Map<String, Object> of(ZdmMigration migration, int deadLettersShown) {
    MigrationStatus status = migration.status();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("migration", migration.control().migration());
    view.put("phase", status.state().phase().name());
    view.put("epoch", status.state().epoch());
    view.put("authoritative", status.authoritative().name());
    view.put("sourcePhase", status.sourceState().map(s -> s.phase().name()).orElse(null));
    view.put("targetPhase", status.targetState().map(s -> s.phase().name()).orElse(null));
    view.put("guards", status.guards().stream().map(StatusView::guard).toList());
    view.put("outboxDepth", status.outboxDepth());
    view.put("lagMillis", status.lag().map(Duration::toMillis).orElse(0L));
    view.put("deadLetterCount", status.deadLetters());
    Map<String, Object> relays = new LinkedHashMap<>();
    relays.put("forward", relay(migration.relays().forward()));
    relays.put("reverse", relay(migration.relays().reverse()));
    view.put("relays", relays);
    view.put("instruments", status.instruments().stream().map(StatusView::instrument).toList());
    view.put("backfill", backfill(migration));
    view.put(
        "lastVerification", migration.verifier().last().map(StatusView::verification).orElse(null));
    Map<String, Object> letters = new LinkedHashMap<>();
    for (ZdmRelays.Direction direction : ZdmRelays.Direction.values()) {
      letters.put(
          direction.name().toLowerCase(Locale.ROOT),
          migration.relays().deadLetters(direction).list(deadLettersShown).stream()
              .map(StatusView::deadLetter)
              .toList());
    }
    view.put("deadLetters", letters);
    return view;
  }

  static Map<String, Object> verification(VerificationReport report) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("outcome", report.outcome().code());
    view.put("startedAt", report.startedAt().toString());
    view.put("finishedAt", report.finishedAt().toString());
    view.put("durationMillis", report.duration().toMillis());
    view.put("rowsCompared", report.rowsCompared());
    view.put("differences", report.differenceCount());
    view.put(
        "tables",
        report.tables().stream()
            .map(
                t -> {
                  Map<String, Object> table = new LinkedHashMap<>();
                  table.put("table", t.table());
                  table.put("rowsCompared", t.rowsCompared());
                  table.put("differences", t.differences().size());
                  return table;
                })
            .toList());
    report.error().ifPresent(e -> view.put("error", e));
    return view;
  }

  static Map<String, Object> guard(GuardCheck check) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("guard", check.guard());
    view.put("passed", check.passed());
    view.put("observed", check.observed());
    view.put("required", check.required());
    return view;
  }

  private static Map<String, Object> instrument(InstrumentReport report) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", report.name());
    view.put("summary", report.summary());
    view.put("figures", report.figures());
    return view;
  }

  private static Map<String, Object> relay(Optional<Replication> replication) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("running", replication.isPresent());
    replication.ifPresent(
        r -> {
          view.put("breaker", r.relay().breakerState());
          view.put("depth", r.relay().depth());
          view.put("lagMillis", r.relay().lag().toMillis());
        });
    return view;
  }

  private static Map<String, Object> backfill(ZdmMigration migration) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("state", migration.backfill().state().name());
    migration.backfill().failure().ifPresent(f -> view.put("error", f));
    Optional<BackfillProgress> progress = migration.backfill().progress();
    progress.ifPresent(
        p -> {
          view.put("done", p.done());
          view.put("percent", Math.round(p.percent() * 10) / 10.0);
          view.put("rowsCopied", p.rowsCopied());
          view.put("estimatedRows", p.estimatedRows());
          view.put("rowsPerSecond", Math.round(p.rowsPerSecond()));
          view.put("etaSeconds", p.eta().map(Duration::toSeconds).orElse(null));
          view.put(
              "tables",
              p.tables().stream()
                  .map(
                      t -> {
                        Map<String, Object> table = new LinkedHashMap<>();
                        table.put("table", t.table());
                        table.put("ranges", t.ranges());
                        table.put("rangesDone", t.rangesDone());
                        table.put("rowsCopied", t.rowsCopied());
                        return table;
                      })
                  .toList());
        });
    return view;
  }

  private static Map<String, Object> deadLetter(DeadLetter letter) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", letter.id());
    view.put("table", letter.table());
    view.put("key", letter.keyText());
    view.put("op", letter.op().name());
    view.put("error", letter.error());
    view.put("attempts", letter.attempts());
    view.put("firstFailedAt", letter.firstFailedAt().toString());
    view.put("lastFailedAt", letter.lastFailedAt().toString());
    return view;
  }
}
