package dev.zdm.control;

import dev.zdm.Phase;
import dev.zdm.ZdmException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a phase change is refused because one or more guards failed. Nothing was changed. The
 * message names every failed guard with its observed and required value, and what to do.
 */
public final class GuardRefusedException extends ZdmException {

  private static final long serialVersionUID = 1L;

  private final transient List<GuardCheck> failed;

  /**
   * Creates the exception.
   *
   * @param migration the migration's name
   * @param from the current phase
   * @param to the refused phase
   * @param failed the guards that failed, at least one
   */
  public GuardRefusedException(String migration, Phase from, Phase to, List<GuardCheck> failed) {
    super(
        "migration '"
            + migration
            + "': refused to move from "
            + from
            + " to "
            + to
            + ": "
            + failed.stream().map(GuardCheck::describe).collect(Collectors.joining("; "))
            + ". Nothing was changed; see docs/phases.md, \"When a guard refuses\"");
    this.failed = List.copyOf(failed);
  }

  /**
   * Returns the guards that failed.
   *
   * @return at least one reading
   */
  public List<GuardCheck> failed() {
    return failed;
  }
}
