package dev.zdm.jdbc.datasource;

import java.sql.SQLException;

/** An action on a JDBC object that may fail with an {@link SQLException}, kept to be replayed. */
@FunctionalInterface
interface SqlConsumer<T> {
  void accept(T target) throws SQLException;
}
