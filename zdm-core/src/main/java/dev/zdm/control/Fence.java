package dev.zdm.control;

/**
 * The fence: on the side that is not authoritative, zdm's triggers refuse every write to a migrated
 * table that zdm did not make, with one dedicated SQLSTATE and a message that names the migration
 * and the phase. The data source recognises the SQLSTATE to re-route a transaction that has not run
 * anything yet, or to fail it with a retryable error.
 */
public final class Fence {

  /**
   * The SQLSTATE of a write refused by the fence, the same on every engine: class {@code ZD} is not
   * used by any SQL standard or engine class.
   */
  public static final String SQLSTATE = "ZD001";

  private Fence() {}

  /**
   * Tells whether an error's SQLSTATE is the fence's.
   *
   * @param sqlState a SQLSTATE, may be null
   * @return true when it is {@link #SQLSTATE}
   */
  public static boolean refused(String sqlState) {
    return SQLSTATE.equals(sqlState);
  }
}
