package dev.zdm.verify;

/**
 * Tells the verifier how far the relay has got: a mark of everything captured up to now, and
 * whether the relay has applied everything up to a mark. Thread-safe.
 */
public interface RelayWatermark {

  /** For a pair without live replication: every mark has always been passed. */
  RelayWatermark NONE =
      new RelayWatermark() {
        @Override
        public long mark() {
          return 0;
        }

        @Override
        public boolean passed(long mark) {
          return true;
        }
      };

  /**
   * Marks everything captured so far.
   *
   * @return an opaque, growing mark
   */
  long mark();

  /**
   * Tells whether every change captured up to a mark has been applied (or parked as a dead letter).
   *
   * @param mark a mark from {@link #mark()}
   * @return true once nothing up to the mark is pending
   */
  boolean passed(long mark);
}
