package dev.zdm.spring.boot;

import java.time.Duration;

/**
 * The verifier: compares counts and digests chunk by chunk, bisects mismatching chunks to the exact
 * keys and re-checks each difference after the relay has passed it.
 *
 * <p>Part of {@link ZdmProperties}; bound once at start.
 */
public class VerifierProperties {

  /** How often a difference is re-checked after the relay caught up before it is reported. */
  private int recheckRounds = 3;

  /** How long a re-check waits for the relay to pass the difference. */
  private Duration recheckRelayTimeout = Duration.ofSeconds(60);

  /** Chunk size at which bisection stops and rows are compared one by one. */
  private int leafRows = 256;

  /** Whether reports carry row values. Off by default: rows may hold personal data. */
  private boolean showValues = false;

  public int getRecheckRounds() {
    return recheckRounds;
  }

  public void setRecheckRounds(int recheckRounds) {
    this.recheckRounds = recheckRounds;
  }

  public Duration getRecheckRelayTimeout() {
    return recheckRelayTimeout;
  }

  public void setRecheckRelayTimeout(Duration recheckRelayTimeout) {
    this.recheckRelayTimeout = recheckRelayTimeout;
  }

  public int getLeafRows() {
    return leafRows;
  }

  public void setLeafRows(int leafRows) {
    this.leafRows = leafRows;
  }

  public boolean isShowValues() {
    return showValues;
  }

  public void setShowValues(boolean showValues) {
    this.showValues = showValues;
  }
}
