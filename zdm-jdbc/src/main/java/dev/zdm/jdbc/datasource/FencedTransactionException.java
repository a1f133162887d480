package dev.zdm.jdbc.datasource;

import dev.zdm.control.Fence;
import java.sql.SQLTransientException;

/**
 * The retryable error of a transaction the fence or the cutover stopped: roll back and run the
 * transaction again. Its own type only so that the funnel does not wrap it twice; applications
 * catch {@link SQLTransientException}. SQLSTATE {@value Fence#SQLSTATE}.
 */
final class FencedTransactionException extends SQLTransientException {

  FencedTransactionException(String message, Throwable cause) {
    super(message, Fence.SQLSTATE, cause);
  }
}
