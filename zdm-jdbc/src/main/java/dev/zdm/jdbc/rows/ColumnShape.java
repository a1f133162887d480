package dev.zdm.jdbc.rows;

import java.util.Objects;

/**
 * One column of a {@link TableShape}: its name and type as the catalog reports them, and the kind
 * and capacity zdm derives from them. Immutable and thread-safe.
 *
 * <p>{@code precision} and {@code scale} are normalised so that columns of different engines
 * compare: for {@link ColumnKind#INTEGER} the precision is the bits of the value range (16, 32, 64;
 * one more for unsigned MariaDB types); for {@link ColumnKind#DECIMAL} the total and fractional
 * digits, precision 0 meaning unbounded (PostgreSQL {@code numeric} without a precision); for text,
 * binary and JSON the precision is the longest value in characters or bytes ({@link
 * Integer#MAX_VALUE} when unbounded); for times and timestamps the scale is the number of
 * fractional-second digits. Otherwise both are 0.
 *
 * @param name the column's name, exactly as the catalog spells it
 * @param jdbcType the {@link java.sql.Types} constant the driver reports
 * @param typeName the engine's name for the type, such as {@code timestamptz} or {@code LONGBLOB}
 * @param nullable true unless the column is NOT NULL
 * @param precision see above
 * @param scale see above
 * @param kind how zdm carries the column's values
 * @param generated true if the database computes the column, so it cannot be written
 * @param hasDefault true if the column has a default or is an identity/auto-increment column
 */
public record ColumnShape(
    String name,
    int jdbcType,
    String typeName,
    boolean nullable,
    int precision,
    int scale,
    ColumnKind kind,
    boolean generated,
    boolean hasDefault) {

  /** Checks the parts. */
  public ColumnShape {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Creates a shape from what the catalog reported and what the dialect made of it.
   *
   * @param column the catalog's description
   * @param kind how zdm carries the values
   * @param precision the normalised precision, as the class describes
   * @param scale the normalised scale
   * @return the shape
   */
  public static ColumnShape of(CatalogColumn column, ColumnKind kind, int precision, int scale) {
    return new ColumnShape(
        column.name(),
        column.jdbcType(),
        column.typeName(),
        column.nullable(),
        precision,
        scale,
        kind,
        column.generated(),
        column.hasDefault());
  }

  /**
   * Describes the type for messages, such as {@code numeric(12,3)} or {@code timestamptz}.
   *
   * @return the engine's type name with its capacity where it has one
   */
  public String describeType() {
    return switch (kind) {
      case DECIMAL -> precision == 0 ? typeName : typeName + "(" + precision + "," + scale + ")";
      case TEXT, BINARY ->
          precision == Integer.MAX_VALUE ? typeName : typeName + "(" + precision + ")";
      case TIME, TIMESTAMP, TIMESTAMP_TZ -> typeName + "(" + scale + ")";
      default -> typeName;
    };
  }
}
