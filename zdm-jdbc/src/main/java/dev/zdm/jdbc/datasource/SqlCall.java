package dev.zdm.jdbc.datasource;

import java.sql.SQLException;

/** A call on a JDBC object that returns a value and may fail with an {@link SQLException}. */
@FunctionalInterface
interface SqlCall<T, R> {
  R apply(T target) throws SQLException;
}
