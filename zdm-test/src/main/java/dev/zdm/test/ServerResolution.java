package dev.zdm.test;

import java.util.Objects;

/**
 * The outcome of looking for a server for one {@link Engine}: either a reachable server or a
 * message saying what was tried and how to provide one. Immutable and thread-safe.
 */
public final class ServerResolution {
  private final Engine engine;
  private final DatabaseServer server;
  private final String message;

  private ServerResolution(Engine engine, DatabaseServer server, String message) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.server = server;
    this.message = message;
  }

  static ServerResolution available(DatabaseServer server) {
    return new ServerResolution(
        server.engine(), server, "zdm-test: " + server.describe() + " is available");
  }

  static ServerResolution unavailable(Engine engine, String message) {
    return new ServerResolution(engine, null, message);
  }

  /**
   * Returns the engine looked for.
   *
   * @return the engine, never {@code null}
   */
  public Engine engine() {
    return engine;
  }

  /**
   * Returns whether a server was found.
   *
   * @return {@code true} if {@link #engine()} can be used
   */
  public boolean isAvailable() {
    return server != null;
  }

  /**
   * Returns, for an available server, a line saying which one it is and where it came from; for an
   * unavailable one, which database is missing, what was tried and how to provide one. Never
   * contains a password.
   *
   * @return the message, never {@code null}
   */
  public String message() {
    return message;
  }

  /** Returns the server; only call when {@link #isAvailable()}. */
  DatabaseServer server() {
    if (server == null) {
      throw new IllegalStateException(message);
    }
    return server;
  }

  @Override
  public String toString() {
    return message;
  }
}
