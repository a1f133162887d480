package dev.zdm.jdbc.rows;

/**
 * How one engine reads rows by key and writes them in batches: the SQL of the relay's and the
 * backfill's data path.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface RowSql {}
