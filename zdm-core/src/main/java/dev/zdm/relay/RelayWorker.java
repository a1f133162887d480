package dev.zdm.relay;

import dev.zdm.change.Change;
import dev.zdm.change.TableKey;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay worker: holds a fair share of partitions and, batch by batch, applies their changes and
 * removes them from the outbox. A batch that keeps failing while both databases answer is split
 * until the failing row is isolated and parked; everything else keeps flowing. Used by one thread
 * at a time.
 */
final class RelayWorker {

  private static final Logger log = LoggerFactory.getLogger(RelayWorker.class);

  private final String migration;
  private final RelayConfig config;
  private final OutboxStore outbox;
  private final DeadLetterStore deadLetters;
  private final ChangeApplier applier;
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final Clock clock;
  private final RelayMetrics metrics;
  private final RelayListener listener;
  private final PartitionLeases leases;
  private int partitionsReported;

  RelayWorker(
      String migration,
      String owner,
      RelayConfig config,
      OutboxStore outbox,
      LeaseStore leaseStore,
      DeadLetterStore deadLetters,
      ChangeApplier applier,
      CircuitBreaker breaker,
      Retry retry,
      Clock clock,
      RelayMetrics metrics,
      RelayListener listener) {
    this.migration = migration;
    this.config = config;
    this.outbox = outbox;
    this.deadLetters = deadLetters;
    this.applier = applier;
    this.breaker = breaker;
    this.retry = retry;
    this.clock = clock;
    this.metrics = metrics;
    this.listener = listener;
    this.leases = new PartitionLeases(migration, owner, config, leaseStore, clock);
  }

  /**
   * Does one batch of work.
   *
   * @return the number of changes taken out of the outbox (applied or parked); 0 when idle, paused
   *     by the breaker, or holding no partition
   */
  int step() {
    Map<Integer, Long> fences = leases.current();
    reportPartitions(fences.size());
    if (fences.isEmpty() || breaker.getState() == CircuitBreaker.State.OPEN) {
      return 0;
    }
    List<Change> changes = outbox.claim(migration, fences.keySet(), config.batchSize());
    if (changes.isEmpty()) {
      return 0;
    }
    int taken = parkBehindParkedRows(changes);
    Map<TableKey, List<Change>> rows = byRow(changes);
    if (rows.isEmpty()) {
      return taken;
    }
    try {
      Retry.decorateRunnable(
              retry,
              CircuitBreaker.decorateRunnable(
                  breaker, () -> applier.apply(ApplyBatch.of(changes, fences))))
          .run();
      acknowledge(changes, rows.size());
      return taken + changes.size();
    } catch (FencedOutException e) {
      metrics.fenced.increment();
      log.info(
          "{}: relay lost a partition to another worker; it will apply those changes", migration);
      changes.stream().map(Change::partition).distinct().forEach(leases::lost);
      return taken;
    } catch (TargetUnavailableException | CallNotPermittedException e) {
      log.warn("{}: relay paused, a database is unreachable: {}", migration, e.getMessage());
      return taken;
    } catch (ReferencePendingException e) {
      return taken + isolate(rows, fences, e);
    } catch (RuntimeException e) {
      if (!applier.reachable()) {
        log.warn("{}: relay paused, a database is unreachable: {}", migration, e.getMessage());
        return taken;
      }
      return taken + isolate(rows, fences, e);
    }
  }

  void releaseLeases() {
    leases.releaseAll();
    reportPartitions(0);
  }

  /** Applies halves of a failing set of rows until the rows that fail alone are found. */
  private int isolate(
      Map<TableKey, List<Change>> rows, Map<Integer, Long> fences, RuntimeException error) {
    if (rows.size() == 1) {
      Map.Entry<TableKey, List<Change>> row = rows.entrySet().iterator().next();
      RuntimeException failure = error;
      if (error instanceof ApplyConflictException) {
        return 0; // a deadlock or lock timeout, not the row's fault: the next batch tries it again
      }
      if (error instanceof ReferencePendingException) {
        if (deferred(row.getKey(), row.getValue())) {
          return 0;
        }
        // The refusal may predate the last older change, applied by another worker since; the
        // check above came after it, so one more attempt now tells whether the refusal persists.
        try {
          CircuitBreaker.decorateRunnable(
                  breaker, () -> applier.apply(ApplyBatch.of(row.getValue(), fences)))
              .run();
          acknowledge(row.getValue(), 1);
          return row.getValue().size();
        } catch (FencedOutException | TargetUnavailableException | CallNotPermittedException e) {
          return 0;
        } catch (RuntimeException e) {
          if (e instanceof ApplyConflictException || !applier.reachable()) {
            return 0;
          }
          failure = e;
        }
      }
      String reason = describe(failure);
      deadLetters.park(migration, row.getValue(), reason, config.retryAttempts());
      metrics.deadLetters.increment(row.getValue().size());
      log.warn(
          "{}: relay parked {} change(s) of table {} after {} attempts: {}",
          migration,
          row.getValue().size(),
          row.getKey().table(),
          config.retryAttempts(),
          reason);
      notifyParked(row.getKey(), row.getValue().size(), reason);
      return row.getValue().size();
    }
    List<Map<TableKey, List<Change>>> halves = split(rows);
    int taken = 0;
    for (Map<TableKey, List<Change>> half : halves) {
      List<Change> changes = new ArrayList<>();
      half.values().forEach(changes::addAll);
      try {
        CircuitBreaker.decorateRunnable(
                breaker, () -> applier.apply(ApplyBatch.of(changes, fences)))
            .run();
        acknowledge(changes, half.size());
        taken += changes.size();
      } catch (FencedOutException | TargetUnavailableException | CallNotPermittedException e) {
        return taken;
      } catch (RuntimeException e) {
        if (!applier.reachable()) {
          return taken;
        }
        taken += isolate(half, fences, e);
      }
    }
    return taken;
  }

  /**
   * Decides whether a row refused on a foreign key waits for the other partitions: yes while any
   * change captured before the row's newest change, in any partition, is still pending (the
   * parent's insert or the child's delete that resolves it is among them, as the source's own
   * foreign key made it commit first); no once all of those were applied, when the refusal is the
   * row's own and it is parked. Waiting does not use the retry budget: the row stays in the outbox
   * and is tried again with the next batches. A row waits only for older changes, so waiting rows
   * cannot wait for each other in a circle: the oldest of them is parked or applied.
   */
  private boolean deferred(TableKey row, List<Change> changes) {
    long newest = changes.stream().mapToLong(Change::id).max().orElseThrow();
    if (outbox.pendingUpTo(migration, newest, changes.stream().map(Change::id).toList())) {
      metrics.deferred.increment();
      log.debug(
          "{}: relay puts off a row of {} until the other partitions pass outbox position {}",
          migration,
          row.table(),
          newest);
      return true;
    }
    return false;
  }

  private int parkBehindParkedRows(List<Change> changes) {
    Map<TableKey, List<Change>> rows = byRow(changes);
    Set<TableKey> parked = deadLetters.parkedAmong(migration, changes);
    int taken = 0;
    for (TableKey row : parked) {
      List<Change> behind = rows.get(row);
      deadLetters.park(migration, behind, "parked behind an earlier failure of this row", 0);
      metrics.deadLetters.increment(behind.size());
      notifyParked(row, behind.size(), "parked behind an earlier failure of this row");
      changes.removeAll(behind);
      taken += behind.size();
    }
    return taken;
  }

  private void acknowledge(List<Change> changes, int rows) {
    Instant appliedAt = clock.instant();
    outbox.acknowledge(migration, changes.stream().map(Change::id).toList());
    metrics.changesApplied.increment(changes.size());
    metrics.rowsApplied.increment(rows);
    metrics.batchSize.record(changes.size());
    for (Change change : changes) {
      metrics.latency(change.capturedAt(), appliedAt);
    }
    try {
      listener.batchApplied(migration, List.copyOf(changes), rows, appliedAt);
    } catch (RuntimeException e) {
      log.warn("{}: a relay listener failed; the relay goes on", migration, e);
    }
  }

  private void notifyParked(TableKey row, int count, String reason) {
    try {
      listener.parked(migration, row, count, reason);
    } catch (RuntimeException e) {
      log.warn("{}: a relay listener failed; the relay goes on", migration, e);
    }
  }

  private void reportPartitions(int held) {
    if (held != partitionsReported) {
      metrics.partitionsHeld(held - partitionsReported);
      partitionsReported = held;
    }
  }

  private static Map<TableKey, List<Change>> byRow(List<Change> changes) {
    Map<TableKey, List<Change>> rows = new LinkedHashMap<>();
    for (Change change : changes) {
      rows.computeIfAbsent(change.row(), r -> new ArrayList<>()).add(change);
    }
    return rows;
  }

  private static List<Map<TableKey, List<Change>>> split(Map<TableKey, List<Change>> rows) {
    Map<TableKey, List<Change>> first = new LinkedHashMap<>();
    Map<TableKey, List<Change>> second = new LinkedHashMap<>();
    int half = rows.size() / 2;
    int i = 0;
    for (Map.Entry<TableKey, List<Change>> row : rows.entrySet()) {
      (i++ < half ? first : second).put(row.getKey(), row.getValue());
    }
    return List.of(first, second);
  }

  /** The error's type and message, which name tables and constraints but not row values. */
  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    if (root != error && root.getMessage() != null && !message.contains(root.getMessage())) {
      message = message + " (" + root.getClass().getSimpleName() + ")";
    }
    return message.length() > 2000 ? message.substring(0, 2000) : message;
  }
}
