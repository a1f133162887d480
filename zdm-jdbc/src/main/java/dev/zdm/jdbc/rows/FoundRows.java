package dev.zdm.jdbc.rows;

import dev.zdm.change.RowKey;
import dev.zdm.mapping.Row;
import java.util.List;

/**
 * What {@link RowReader#read} found for a batch of keys: the rows that exist now, and the keys
 * whose rows no longer exist (so the target must delete them). Immutable and thread-safe.
 *
 * @param rows the rows found, in the reader's layout, each once, in no particular order
 * @param missingKeys the keys asked for that matched no row, in the order they were given
 */
public record FoundRows(List<Row> rows, List<RowKey> missingKeys) {

  /** Copies the lists. */
  public FoundRows {
    rows = List.copyOf(rows);
    missingKeys = List.copyOf(missingKeys);
  }
}
