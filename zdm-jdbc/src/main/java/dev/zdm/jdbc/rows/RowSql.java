package dev.zdm.jdbc.rows;

import java.util.List;

/**
 * How one engine reads rows by key and writes them in batches: the SQL of the relay's and the
 * backfill's data path, and how each column type's values cross JDBC exactly. {@link TableShape},
 * {@link RowReader} and {@link RowWriter} ask the dialect's {@code RowSql} for everything that
 * differs between engines; the statements' common shape ({@code SELECT ... WHERE (k1, k2) IN ((?,
 * ?), ...)}, {@code DELETE ... WHERE ... IN ...}) is theirs.
 *
 * <p>Every identifier reaching these methods is already validated against the catalog and quoted by
 * the dialect. Implementations are stateless and thread-safe.
 */
public interface RowSql {

  /**
   * Interprets a column the catalog reported: decides its kind and normalises its capacity as
   * {@link ColumnShape} describes.
   *
   * @param column the catalog's description
   * @return the column's shape; kind {@link ColumnKind#UNSUPPORTED} for types zdm cannot carry
   */
  ColumnShape describe(CatalogColumn column);

  /**
   * Tells whether this engine's schemas are JDBC catalogs (MariaDB and MySQL call them databases)
   * rather than JDBC schemas.
   *
   * @return true to look tables up by catalog
   */
  default boolean schemaIsCatalog() {
    return false;
  }

  /**
   * Returns the codec for a column's values.
   *
   * @param table the table's name for messages, such as {@code public.orders}
   * @param column the column, of a supported kind
   * @return the codec
   */
  ColumnCodec codec(String table, ColumnShape column);

  /**
   * Returns the expression that selects a column; its value is what {@link #codec} reads.
   *
   * @param column the column
   * @param quoted the column's quoted name
   * @return the select-list expression; by default the quoted name
   */
  default String selectExpression(ColumnShape column, String quoted) {
    return quoted;
  }

  /**
   * Returns the parameter marker for a value of a column; by default {@code ?}.
   *
   * @param column the column the value is for
   * @return the marker, with exactly one {@code ?}
   */
  default String placeholder(ColumnShape column) {
    return "?";
  }

  /**
   * Returns text put before every query that reads rows, such as per-statement session settings.
   *
   * @return the prefix, empty by default
   */
  default String readPrefix() {
    return "";
  }

  /**
   * Returns the clause appended to a backfill's keyset read so that its rows stay locked against
   * writers until the chunk's source transaction ends; by default {@code FOR SHARE}.
   *
   * @return the clause, with a leading space
   */
  default String shareLockClause() {
    return " FOR SHARE";
  }

  /**
   * Returns text put before every statement that writes rows.
   *
   * @return the prefix, empty by default
   */
  default String writePrefix() {
    return "";
  }

  /**
   * Writes the statement that inserts rows, or updates the non-key columns of those whose key
   * exists; it must not fail when a row has no non-key columns.
   *
   * @param table the quoted, schema-qualified table
   * @param columns the quoted columns, in parameter order
   * @param keyColumns the quoted primary-key columns, a subset of {@code columns}
   * @param values the rows' parameter lists, such as {@code (?, ?), (?, ?)}
   * @return the statement, without {@link #writePrefix()}
   */
  String upsert(String table, List<String> columns, List<String> keyColumns, String values);

  /**
   * Returns how many rows one upsert statement carries by default: 1 means a JDBC batch of
   * single-row statements, more means multi-row {@code VALUES} lists. Measured per engine; see
   * {@code docs/types.md}.
   *
   * @return at least 1
   */
  default int defaultRowsPerStatement() {
    return 100;
  }

  /**
   * Returns the most parameters one statement may carry.
   *
   * @return a positive count
   */
  default int maxParameters() {
    return 32_767;
  }
}
