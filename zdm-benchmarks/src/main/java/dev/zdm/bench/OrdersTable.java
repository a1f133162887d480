package dev.zdm.bench;

/**
 * The orders-shaped table the backfill and verify benchmarks use (bigint key, bigint, text,
 * numeric, text, timestamptz, jsonb), and the rows they seed it with. The rows are a function of
 * the key alone, so two databases seeded alike hold identical tables.
 */
final class OrdersTable {

  static final String POSTGRES_DDL =
      "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, status TEXT NOT"
          + " NULL, total NUMERIC(12,2) NOT NULL, note TEXT, created_at TIMESTAMPTZ NOT NULL,"
          + " attrs JSONB)";

  static final String MARIADB_DDL =
      "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, status"
          + " VARCHAR(16) NOT NULL, total DECIMAL(12,2) NOT NULL, note TEXT, created_at"
          + " TIMESTAMP(6) NOT NULL DEFAULT '2000-01-01 00:00:00', attrs JSON)"
          + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

  private OrdersTable() {}

  /** Inserts rows 1..rows into a PostgreSQL orders table. */
  static String postgresSeed(int rows) {
    return "INSERT INTO orders SELECT g, g % 50000, (ARRAY['new','paid','shipped'])[1 + g % 3],"
        + " (g % 100000) / 100.0, repeat('note ', 1 + g % 20),"
        + " TIMESTAMPTZ '2024-01-01 00:00:00+00' - (g || ' seconds')::interval,"
        + " jsonb_build_object('sku', 'SKU-' || g, 'qty', g % 7, 'tags', jsonb_build_array('a', 'b'))"
        + " FROM generate_series(1, "
        + rows
        + ") g";
  }

  /** Inserts the same rows into a MariaDB orders table (needs the Sequence engine). */
  static String mariaDbSeed(int rows) {
    return "SET STATEMENT time_zone='+00:00' FOR INSERT INTO orders SELECT seq, seq % 50000,"
        + " ELT(1 + seq % 3, 'new', 'paid', 'shipped'), (seq % 100000) / 100.0,"
        + " REPEAT('note ', 1 + seq % 20),"
        + " TIMESTAMP'2024-01-01 00:00:00' - INTERVAL seq SECOND,"
        + " JSON_OBJECT('sku', CONCAT('SKU-', seq), 'qty', seq % 7, 'tags', JSON_ARRAY('a', 'b'))"
        + " FROM seq_1_to_"
        + rows;
  }
}
