package dev.zdm.jdbc.control;

import dev.zdm.control.Fence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Application writers that know nothing of zdm: plain JDBC transactions against whichever database
 * they believe takes writes. A transaction refused by the fence (SQLSTATE ZD001) is retried on the
 * other database; a deadlock or lock-wait victim is retried where it was. Every committed
 * transaction inserts one row {@code (writer, seq)} and, every third one, adds 1 to the writer's
 * previous row, so the expected table follows from the set of committed transactions alone.
 */
final class FencedWriters implements AutoCloseable {

  private final DataSource source;
  private final DataSource target;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final Set<String> committed = ConcurrentHashMap.newKeySet();
  private final Map<String, String> committedSide = new ConcurrentHashMap<>();
  private final AtomicInteger fenceRefusals = new AtomicInteger();
  private final AtomicLong transactions = new AtomicLong();
  private final List<Throwable> failures =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile boolean targetHint;

  FencedWriters(DataSource source, DataSource target) {
    this.source = source;
    this.target = target;
  }

  void start(int writers) {
    for (int w = 1; w <= writers; w++) {
      int writer = w;
      Thread thread = new Thread(() -> run(writer), "app-writer-" + w);
      thread.start();
      threads.add(thread);
    }
  }

  private void run(int writer) {
    boolean onTarget = targetHint;
    int seq = 0;
    try {
      while (!stop.get()) {
        seq++;
        while (true) {
          try {
            write(onTarget ? target : source, writer, seq, onTarget ? "T" : "S");
            committed.add(writer + ":" + seq);
            committedSide.put(writer + ":" + seq, onTarget ? "T" : "S");
            transactions.incrementAndGet();
            break;
          } catch (SQLException e) {
            if (Fence.refused(e.getSQLState())) {
              fenceRefusals.incrementAndGet();
              onTarget = !onTarget;
              targetHint = onTarget;
              Thread.sleep(1);
            } else if (retryable(e)) {
              Thread.sleep(1);
            } else {
              throw e;
            }
          }
        }
      }
    } catch (Throwable t) {
      failures.add(t);
    }
  }

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state)
        || "40P01".equals(state)
        || e.getErrorCode() == 1213
        || e.getErrorCode() == 1205;
  }

  private static void write(DataSource db, int writer, int seq, String side) throws SQLException {
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      try {
        ControlScenario.insert(connection, writer, seq, side);
        if (seq % 3 == 0) {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE ledger SET amount = amount + 1 WHERE writer = ? AND seq = ?")) {
            update.setInt(1, writer);
            update.setInt(2, seq - 1);
            update.executeUpdate();
          }
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  long transactions() {
    return transactions.get();
  }

  int fenceRefusals() {
    return fenceRefusals.get();
  }

  List<Throwable> failures() {
    return failures;
  }

  Map<String, String> committedSide() {
    return committedSide;
  }

  /** The rows the committed transactions imply: {@code writer:seq -> amount}. */
  Map<String, String> expectedAmounts() {
    Map<String, String> expected = new java.util.TreeMap<>();
    for (String key : committed) {
      String[] parts = key.split(":");
      int seq = Integer.parseInt(parts[1]);
      boolean bumped = (seq + 1) % 3 == 0 && committed.contains(parts[0] + ":" + (seq + 1));
      expected.put(key, bumped ? "2.00" : "1.00");
    }
    return expected;
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(60_000);
    }
  }
}
