package dev.zdm.change;

import java.util.Objects;

/**
 * One row's identity: its table and primary key. Changes to the same row coalesce on this.
 *
 * @param table the source table's name
 * @param key the row's primary key
 */
public record TableKey(String table, RowKey key) {

  /** Checks that nothing is missing. */
  public TableKey {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String toString() {
    return table + key;
  }
}
