package dev.zdm.spring.boot;

import java.time.Duration;

/**
 * How the application's DualWriteDataSource follows the phase recorded in the databases.
 *
 * <p>Part of {@link ZdmProperties}; bound once at start.
 */
public class PhaseProperties {

  /**
   * How often the data source re-reads the phase; a connection binds with the cached phase and the
   * fence catches a stale one.
   */
  private Duration refresh = Duration.ofMillis(500);

  /**
   * How long a new connection waits while a switch (CUTOVER) is in progress before it fails with a
   * retryable SQLTransientException.
   */
  private Duration cutoverWait = Duration.ofSeconds(5);

  public Duration getRefresh() {
    return refresh;
  }

  public void setRefresh(Duration refresh) {
    this.refresh = refresh;
  }

  public Duration getCutoverWait() {
    return cutoverWait;
  }

  public void setCutoverWait(Duration cutoverWait) {
    this.cutoverWait = cutoverWait;
  }
}
