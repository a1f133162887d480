package dev.zdm.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The plain alternative to the relay's apply step, written the way a team would by hand: read the
 * changed rows by key in chunks and batch-upsert them into the target with {@code INSERT ... ON
 * CONFLICT DO UPDATE}, one transaction per chunk. No outbox, no fencing, no coalescing.
 */
final class PlainCopy {

  private PlainCopy() {}

  static void copy(BenchDatabase source, BenchDatabase target, List<Long> keys)
      throws SQLException {
    try (Connection from = source.pool.getConnection();
        Connection to = target.pool.getConnection();
        PreparedStatement select =
            from.prepareStatement(
                "SELECT id, customer_id, status, amount, note, created_at, attrs FROM orders"
                    + " WHERE id = ANY (?)");
        PreparedStatement upsert =
            to.prepareStatement(
                "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (id) DO UPDATE SET"
                    + " customer_id = EXCLUDED.customer_id, status = EXCLUDED.status,"
                    + " amount = EXCLUDED.amount, note = EXCLUDED.note,"
                    + " created_at = EXCLUDED.created_at, attrs = EXCLUDED.attrs")) {
      to.setAutoCommit(false);
      for (int from_ = 0; from_ < keys.size(); from_ += 500) {
        List<Long> chunk = keys.subList(from_, Math.min(keys.size(), from_ + 500));
        select.setArray(1, from.createArrayOf("bigint", chunk.toArray()));
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            upsert.setLong(1, rows.getLong(1));
            upsert.setLong(2, rows.getLong(2));
            upsert.setString(3, rows.getString(3));
            upsert.setBigDecimal(4, rows.getBigDecimal(4));
            upsert.setString(5, rows.getString(5));
            upsert.setObject(6, rows.getObject(6, java.time.OffsetDateTime.class));
            upsert.setString(7, rows.getString(7));
            upsert.addBatch();
          }
        }
        upsert.executeBatch();
        to.commit();
      }
    }
  }
}
