package dev.zdm.jdbc.capture;

import java.util.Objects;

/**
 * One primary-key column of a captured table, as the catalog describes it.
 *
 * @param name the column's name exactly as the catalog spells it
 * @param dataType the catalog's {@code information_schema.columns.data_type}, lowercased, such as
 *     {@code integer}, {@code timestamp with time zone} or {@code uuid}
 * @param numericScale the declared scale of an exact numeric column, or null when the column is not
 *     numeric or has no declared scale (PostgreSQL's plain {@code numeric})
 */
public record KeyColumn(String name, String dataType, Integer numericScale) {

  /** Checks that name and type are present. */
  public KeyColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dataType, "dataType");
  }
}
