package dev.zdm.jdbc;

import dev.zdm.ZdmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/**
 * Finds the {@link Dialect} for a database. The dialects zdm ships (PostgreSQL, MariaDB, H2) and
 * any registered through {@link ServiceLoader} are consulted in that order.
 *
 * <p>Thread-safe: the list is loaded once.
 */
public final class Dialects {

  private static final List<Dialect> ALL = load();

  private Dialects() {}

  /**
   * Returns every dialect on the class path.
   *
   * @return an immutable list
   */
  public static List<Dialect> all() {
    return ALL;
  }

  /**
   * Detects the dialect of the database behind a connection.
   *
   * @param connection an open connection; it is not closed
   * @return the matching dialect
   * @throws SQLException if the connection's metadata cannot be read
   * @throws ZdmException if no dialect supports the engine
   */
  public static Dialect detect(Connection connection) throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    String product = metadata.getDatabaseProductName();
    String version = metadata.getDatabaseProductVersion();
    for (Dialect dialect : ALL) {
      if (dialect.supports(product, version)) {
        return dialect;
      }
    }
    throw new ZdmException(
        "zdm has no dialect for '"
            + product
            + " "
            + version
            + "'; supported: PostgreSQL 12+, MariaDB 10.6+, H2 2.x. Add one by implementing "
            + Dialect.class.getName()
            + " and listing it in META-INF/services");
  }

  /**
   * Detects the dialect of the database behind a data source, using one short-lived connection.
   *
   * @param dataSource the data source
   * @return the matching dialect
   * @throws ZdmException if the database cannot be reached or no dialect supports it
   */
  public static Dialect detect(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return detect(connection);
    } catch (SQLException e) {
      throw new ZdmException(
          "cannot detect the database engine: connecting failed (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Returns the dialect with the given name.
   *
   * @param name a dialect name such as {@code postgresql}, {@code mariadb} or {@code h2}
   * @return the dialect
   * @throws ZdmException if there is none by that name
   */
  public static Dialect named(String name) {
    for (Dialect dialect : ALL) {
      if (dialect.name().equals(name)) {
        return dialect;
      }
    }
    List<String> names = ALL.stream().map(Dialect::name).toList();
    throw new ZdmException("no dialect named '" + name + "'; known dialects: " + names);
  }

  private static List<Dialect> load() {
    List<Dialect> dialects = new ArrayList<>();
    for (Dialect dialect : ServiceLoader.load(Dialect.class, Dialects.class.getClassLoader())) {
      dialects.add(dialect);
    }
    return List.copyOf(dialects);
  }
}
