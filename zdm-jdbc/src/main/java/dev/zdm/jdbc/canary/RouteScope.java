package dev.zdm.jdbc.canary;

import java.util.Objects;
import java.util.Optional;

/**
 * The read canary's routing key for the current thread, set for the length of a scope:
 *
 * <pre>{@code
 * try (RouteScope scope = dataSource.route(userId)) {
 *   ... read-only transactions of this user: served by the target when the user's key is in the
 *   canary's share, by the source otherwise ...
 * }
 * }</pre>
 *
 * <p>The key in effect on a thread is the key of its innermost open scope; when no scope is open,
 * the thread's fallback key ({@link #setThreadKey(Object)}, for code that cannot pass a scope
 * around, such as a servlet filter that sets the key at the start of a request and clears it in a
 * {@code finally}); when neither, there is no key, and the transaction goes to the authoritative
 * side. The key is read when a transaction runs its first statement, on the thread that runs it:
 * work handed to another thread (an executor, a reactive pipeline) does not carry it.
 *
 * <p>Closing a scope restores the key that was in effect when it opened, so scopes nest; close them
 * in reverse order, on the thread that opened them (try-with-resources does both). A scope is not
 * thread-safe; the static methods act on the calling thread only.
 */
public final class RouteScope implements AutoCloseable {

  private static final ThreadLocal<String> SCOPED = new ThreadLocal<>();
  private static final ThreadLocal<String> FALLBACK = new ThreadLocal<>();

  private final String previous;
  private final Thread owner;
  private boolean closed;

  private RouteScope(String previous, Thread owner) {
    this.previous = previous;
    this.owner = owner;
  }

  /**
   * Opens a scope in which {@code key} is this thread's routing key.
   *
   * @param key the key; its {@code toString()} is what the canary hashes
   * @return the scope, to close on this thread
   * @throws NullPointerException if {@code key} is null
   */
  public static RouteScope open(Object key) {
    String text = Objects.requireNonNull(key, "routing key").toString();
    RouteScope scope = new RouteScope(SCOPED.get(), Thread.currentThread());
    SCOPED.set(text);
    return scope;
  }

  /**
   * Sets this thread's fallback key, used while no scope is open on it. It stays until {@link
   * #clearThreadKey()} or the next call: clear it when the unit of work ends, or pooled threads
   * carry it into the next request.
   *
   * @param key the key
   * @throws NullPointerException if {@code key} is null
   */
  public static void setThreadKey(Object key) {
    FALLBACK.set(Objects.requireNonNull(key, "routing key").toString());
  }

  /** Removes this thread's fallback key. Open scopes are not affected. */
  public static void clearThreadKey() {
    FALLBACK.remove();
  }

  /**
   * Returns the key in effect on this thread: the innermost open scope's, else the fallback key.
   *
   * @return the key, empty when none is set
   */
  public static Optional<String> currentKey() {
    String scoped = SCOPED.get();
    return Optional.ofNullable(scoped != null ? scoped : FALLBACK.get());
  }

  /**
   * Restores the key that was in effect when this scope opened. Idempotent.
   *
   * @throws IllegalStateException when called on another thread than the one that opened it
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a RouteScope must be closed on the thread that opened it (" + owner.getName() + ")");
    }
    closed = true;
    if (previous == null) {
      SCOPED.remove();
    } else {
      SCOPED.set(previous);
    }
  }
}
