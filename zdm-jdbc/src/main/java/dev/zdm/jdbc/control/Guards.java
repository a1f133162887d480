package dev.zdm.jdbc.control;

import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.control.GuardCheck;
import dev.zdm.jdbc.ZdmDatabase;
import dev.zdm.jdbc.outbox.JdbcOutboxStore;
import dev.zdm.mapping.TableMapping;
import dev.zdm.relay.OutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the guards' figures from the databases: backfill checkpoints (in the target), the newest
 * finished verification (in the source), the outbox and dead letters of the capturing side.
 * Thread-safe; every reading borrows a connection.
 */
final class Guards {

  private final String migration;
  private final ZdmDatabase source;
  private final ZdmDatabase target;
  private final List<TableMapping> mappings;
  private final Duration maxVerificationAge;
  private final Duration maxLag;
  private final Clock clock;

  Guards(
      String migration,
      ZdmDatabase source,
      ZdmDatabase target,
      List<TableMapping> mappings,
      Duration maxVerificationAge,
      Duration maxLag,
      Clock clock) {
    this.migration = migration;
    this.source = source;
    this.target = target;
    this.mappings = List.copyOf(mappings);
    this.maxVerificationAge = maxVerificationAge;
    this.maxLag = maxLag;
    this.clock = clock;
  }

  /** The guards that apply to a move; empty for moves that need none. */
  List<GuardCheck> forMove(Phase from, Phase to) {
    List<GuardCheck> checks = new ArrayList<>();
    if (to == Phase.SHADOW && from == Phase.DUAL_WRITE) {
      checks.add(backfill());
      checks.add(lag(source));
      checks.add(deadLetters(source));
    } else if (to == Phase.TARGET_PRIMARY && from.authoritative() == Phase.Side.SOURCE) {
      checks.add(backfill());
      checks.add(verification());
      checks.add(lag(source));
      checks.add(deadLetters(source));
    } else if (from == Phase.TARGET_PRIMARY && to.authoritative() == Phase.Side.SOURCE) {
      checks.add(lag(target));
      checks.add(deadLetters(target));
    }
    return checks;
  }

  /** Every guard's reading for the next change of authority from the current phase. */
  List<GuardCheck> all(Phase current) {
    if (current == Phase.TARGET_PRIMARY) {
      return forMove(current, Phase.DUAL_WRITE);
    }
    if (current.authoritative() == Phase.Side.SOURCE) {
      return forMove(Phase.DUAL_WRITE, Phase.TARGET_PRIMARY);
    }
    return List.of();
  }

  GuardCheck backfill() {
    long ranges = 0;
    long done = 0;
    List<String> notStarted = new ArrayList<>();
    String sql =
        "SELECT COUNT(*), SUM(CASE WHEN done THEN 1 ELSE 0 END) FROM "
            + target.table(target.tables().checkpoints())
            + " WHERE migration = ? AND table_name = ?";
    try (Connection connection = target.dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      for (TableMapping mapping : mappings) {
        query.setString(1, migration);
        query.setString(2, mapping.sourceTable());
        try (ResultSet row = query.executeQuery()) {
          row.next();
          long count = row.getLong(1);
          if (count == 0) {
            notStarted.add(mapping.sourceTable());
          }
          ranges += count;
          done += row.getLong(2);
        }
      }
    } catch (SQLException e) {
      throw failure("reading backfill checkpoints in the target", e);
    }
    boolean passed = notStarted.isEmpty() && done == ranges;
    String observed =
        done
            + " of "
            + ranges
            + " ranges done"
            + (notStarted.isEmpty() ? "" : ", no backfill recorded for " + notStarted);
    return new GuardCheck(
        GuardCheck.BACKFILL_COMPLETE, passed, observed, "every range of every table done");
  }

  GuardCheck verification() {
    String required = "outcome clean, finished at most " + seconds(maxVerificationAge) + " ago";
    String sql =
        "SELECT outcome, finished_at_ms FROM "
            + source.table(source.tables().verifications())
            + " WHERE migration = ? AND finished_at_ms IS NOT NULL ORDER BY id DESC";
    try (Connection connection = source.dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setMaxRows(1);
      query.setString(1, migration);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return new GuardCheck(
              GuardCheck.VERIFICATION_CLEAN, false, "no finished verification", required);
        }
        String outcome = row.getString(1);
        Duration age = Duration.between(Instant.ofEpochMilli(row.getLong(2)), clock.instant());
        boolean passed = "clean".equals(outcome) && age.compareTo(maxVerificationAge) <= 0;
        return new GuardCheck(
            GuardCheck.VERIFICATION_CLEAN,
            passed,
            "outcome " + outcome + ", finished " + seconds(age) + " ago",
            required);
      }
    } catch (SQLException e) {
      throw failure("reading the newest verification in the source", e);
    }
  }

  GuardCheck lag(ZdmDatabase capturing) {
    OutboxStore.Backlog backlog = new JdbcOutboxStore(capturing).backlog(migration);
    Optional<Duration> lag = backlog.oldest().map(o -> Duration.between(o, backlog.now()));
    boolean passed = lag.map(l -> l.compareTo(maxLag) <= 0).orElse(true);
    return new GuardCheck(
        GuardCheck.RELAY_LAG,
        passed,
        lag.map(l -> "oldest pending change " + seconds(l) + " old").orElse("nothing pending")
            + " ("
            + backlog.pending()
            + " pending in the "
            + (capturing == source ? "source" : "target")
            + " outbox)",
        "at most " + seconds(maxLag));
  }

  GuardCheck deadLetters(ZdmDatabase capturing) {
    long parked = deadLetterCount(capturing);
    return new GuardCheck(
        GuardCheck.NO_DEAD_LETTERS,
        parked == 0,
        parked + " parked change(s)",
        "none (replay or discard them through Replication.deadLetters())");
  }

  long deadLetterCount(ZdmDatabase db) {
    String sql =
        "SELECT COUNT(*) FROM " + db.table(db.tables().deadLetters()) + " WHERE migration = ?";
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, migration);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("counting dead letters", e);
    }
  }

  private ZdmException failure(String what, SQLException e) {
    return new ZdmException(
        "migration '" + migration + "': " + what + " failed: " + e.getMessage(), e);
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
