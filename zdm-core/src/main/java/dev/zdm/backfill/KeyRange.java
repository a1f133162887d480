package dev.zdm.backfill;

import dev.zdm.change.RowKey;

/**
 * One planned key range of a table: the keys {@code k} with {@code after < k <= last}. Immutable.
 *
 * @param rangeNo the range's number within the table, from 0, in key order
 * @param after the exclusive lower bound, or null for the table's first key
 * @param last the inclusive upper bound, or null only for an empty table
 */
public record KeyRange(int rangeNo, RowKey after, RowKey last) {}
