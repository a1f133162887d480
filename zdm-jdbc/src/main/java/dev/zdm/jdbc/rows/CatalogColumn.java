package dev.zdm.jdbc.rows;

/**
 * One column as {@link java.sql.DatabaseMetaData#getColumns} reports it, before a dialect
 * interprets it into a {@link ColumnShape}.
 *
 * @param name the column's name
 * @param jdbcType {@code DATA_TYPE}, a {@link java.sql.Types} constant
 * @param typeName {@code TYPE_NAME}, the engine's name for the type
 * @param size {@code COLUMN_SIZE}, or 0 when the driver reports none
 * @param digits {@code DECIMAL_DIGITS}, or -1 when the driver reports none
 * @param nullable true unless the column is NOT NULL
 * @param hasDefault true if the column has a default, is an identity or auto-increment column
 * @param generated true if the database computes the column ({@code GENERATED ALWAYS AS})
 */
public record CatalogColumn(
    String name,
    int jdbcType,
    String typeName,
    int size,
    int digits,
    boolean nullable,
    boolean hasDefault,
    boolean generated) {}
