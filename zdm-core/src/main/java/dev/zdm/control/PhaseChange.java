package dev.zdm.control;

import dev.zdm.Phase;
import java.time.Instant;

/**
 * A committed phase change.
 *
 * @param migration the migration's name
 * @param from the phase before
 * @param to the phase after
 * @param epoch the epoch after the change
 * @param at when it was committed, by the control's clock
 */
public record PhaseChange(String migration, Phase from, Phase to, long epoch, Instant at) {}
