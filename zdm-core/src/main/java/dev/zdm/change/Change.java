package dev.zdm.change;

import java.time.Instant;
import java.util.Objects;

/**
 * One captured change, as the outbox holds it: which row of which table was written, not what it
 * now contains (the relay re-reads the row when it applies the change).
 *
 * @param id the outbox's id, increasing in capture order
 * @param table the source table's name
 * @param key the row's primary key
 * @param keyText the key exactly as the outbox stores it, for matching rows there
 * @param op what the write did
 * @param partition the partition the key hashes to
 * @param capturedAt when the writer's transaction captured it, by the database's clock
 */
public record Change(
    long id,
    String table,
    RowKey key,
    String keyText,
    ChangeOp op,
    int partition,
    Instant capturedAt) {

  /** Checks that nothing is missing. */
  public Change {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyText, "keyText");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(capturedAt, "capturedAt");
  }

  /**
   * Returns the row this change is about, as a table and key pair.
   *
   * @return the row's identity
   */
  public TableKey row() {
    return new TableKey(table, key);
  }
}
