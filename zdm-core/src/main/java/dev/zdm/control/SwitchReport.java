package dev.zdm.control;

import dev.zdm.Phase;
import java.time.Duration;

/**
 * What a fenced switch of authority (cutover, or rollback) did and how long it took.
 *
 * @param migration the migration's name
 * @param from the phase before the switch, such as {@code DUAL_WRITE}
 * @param to the phase after it, such as {@code TARGET_PRIMARY}
 * @param epoch the epoch after the switch
 * @param fenceWait how long taking the fence waited for in-flight writes on the old side
 * @param writePause how long application writes could not commit anywhere: from the request of the
 *     fence to the new side taking writes (includes {@code fenceWait})
 * @param total the whole switch, guards included
 * @param drainedChanges how many outbox changes of the old side were drained under the fence
 * @param sequencesSynced how many sequences or auto-increment counters were raised on the new side
 */
public record SwitchReport(
    String migration,
    Phase from,
    Phase to,
    long epoch,
    Duration fenceWait,
    Duration writePause,
    Duration total,
    long drainedChanges,
    int sequencesSynced) {}
