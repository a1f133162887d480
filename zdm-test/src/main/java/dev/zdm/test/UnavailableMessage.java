package dev.zdm.test;

import java.util.List;

/**
 * Builds the message shown when no server was found for an engine: which database is missing, what
 * was tried, and how to provide one. Stateless and thread-safe.
 */
final class UnavailableMessage {
  private UnavailableMessage() {}

  /**
   * Builds the message.
   *
   * @param tried one line per candidate, already free of passwords
   * @param fromEnvironment whether the engine's URL variable was set (and so the only candidate)
   */
  static String build(Engine engine, List<String> tried, boolean fromEnvironment) {
    boolean postgres = engine == Engine.POSTGRES;
    String name = engine.displayName();
    String variable =
        postgres ? ServerLocator.POSTGRES_URL_VARIABLE : ServerLocator.MARIADB_URL_VARIABLE;
    String local = postgres ? "127.0.0.1:5432 user postgres" : "127.0.0.1:3306 user root";
    String example =
        postgres
            ? "jdbc:postgresql://host:5432/postgres?user=postgres&password=..."
            : "jdbc:mariadb://host:3306/test?user=root&password=...";
    StringBuilder message = new StringBuilder();
    message.append(name).append(" is not available for zdm's real-database tests.\nTried:\n");
    for (String line : tried) {
      message.append("  - ").append(line).append('\n');
    }
    if (fromEnvironment) {
      message
          .append(variable)
          .append(" is set, so it was the only server tried; fix it, or unset it to fall back to")
          .append(" a local server or Testcontainers.\n");
    }
    message
        .append("Provide a ")
        .append(name)
        .append(" server by any of:\n")
        .append("  - starting a local ")
        .append(name)
        .append(" server on ")
        .append(local)
        .append(" with no password, or\n")
        .append("  - setting ")
        .append(variable)
        .append(" to a JDBC URL with credentials, e.g. ")
        .append(example)
        .append(", or\n")
        .append("  - installing a Docker engine, so that Testcontainers can start ")
        .append(ContainerServers.image(engine))
        .append('.');
    return message.toString();
  }
}
