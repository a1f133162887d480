package dev.zdm.spring.boot.actuate;

import dev.zdm.IllegalPhaseTransitionException;
import dev.zdm.Phase;
import dev.zdm.ZdmException;
import dev.zdm.control.GuardRefusedException;
import dev.zdm.control.PhaseConflictException;
import dev.zdm.control.SwitchReport;
import dev.zdm.control.TransitionPlan;
import dev.zdm.relay.DeadLetters;
import dev.zdm.spring.boot.ZdmMigration;
import dev.zdm.spring.boot.ZdmRelays;
import dev.zdm.verify.VerificationReport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code zdm} Actuator endpoint: {@code GET /actuator/zdm} shows the status (phase, guards,
 * outbox, lag, relays, instruments, backfill progress, last verification, dead letters); {@code GET
 * /actuator/zdm/plan?phase=X} is the dry run of a move; {@code POST /actuator/zdm/{action}}
 * operates the migration:
 *
 * <ul>
 *   <li>{@code advance} with {@code {"phase": "DUAL_WRITE"}} (or SHADOW, TARGET_PRIMARY,
 *       TARGET_ONLY): moves on, checking the guards;
 *   <li>{@code cutover}: the fenced switch to TARGET_PRIMARY;
 *   <li>{@code rollback}: one step back (from TARGET_PRIMARY the fenced switch back);
 *   <li>{@code start-backfill}, {@code pause-backfill}, {@code resume-backfill};
 *   <li>{@code verify}: runs a verification now and returns its report;
 *   <li>{@code replay-dead-letter}, {@code discard-dead-letter} with {@code {"id": 42}} and
 *       optionally {@code "direction": "reverse"}.
 * </ul>
 *
 * A refused move answers 409 with the guards' readings, a bad request 400, a failure 500 with zdm's
 * message; the migration is then unchanged. Row values never appear. Thread-safe.
 */
@Endpoint(id = "zdm")
public final class ZdmEndpoint {

  private static final int DEAD_LETTERS_SHOWN = 100;

  private final ZdmMigration migration;

  /**
   * Creates the endpoint.
   *
   * @param migration the migration it operates
   */
  public ZdmEndpoint(ZdmMigration migration) {
    this.migration = migration;
  }

  /**
   * Returns the migration's status.
   *
   * @return the status as JSON-ready values
   */
  @ReadOperation
  public Map<String, Object> status() {
    return StatusView.of(migration, DEAD_LETTERS_SHOWN);
  }

  /**
   * Reports what a move would do now, without doing it: {@code GET /actuator/zdm/plan?phase=X} (and
   * {@code GET /actuator/zdm/plan} for the rollback).
   *
   * @param what {@code plan}
   * @param phase the phase to advance to; the rollback's plan when absent
   * @return whether the move is legal, would proceed, every guard's reading and the steps; 400 for
   *     an unknown selector or phase
   */
  @ReadOperation
  public WebEndpointResponse<Map<String, Object>> plan(
      @Selector String what, @Nullable String phase) {
    if (!"plan".equals(what)) {
      return refused(400, what, "unknown read; use GET /actuator/zdm or /actuator/zdm/plan");
    }
    try {
      TransitionPlan plan =
          phase == null ? migration.control().planRollback() : migration.plan(phase(phase));
      Map<String, Object> body = body("plan");
      body.put("from", plan.from().phase().name());
      body.put("to", plan.to().name());
      body.put("legal", plan.legal());
      body.put("wouldProceed", plan.wouldProceed());
      body.put("guards", plan.guards().stream().map(StatusView::guard).toList());
      body.put("steps", plan.steps());
      return new WebEndpointResponse<>(body, 200);
    } catch (IllegalArgumentException e) {
      return refused(400, "plan", e.getMessage());
    } catch (ZdmException e) {
      return refused(500, "plan", e.getMessage());
    }
  }

  /**
   * Operates the migration.
   *
   * @param action what to do, see the class comment
   * @param phase the phase to advance to, for {@code advance}
   * @param id the dead letter, for the dead-letter actions
   * @param direction {@code forward} (default) or {@code reverse}, for the dead-letter actions
   * @return the outcome; 400 for a bad request, 409 when the move is refused
   */
  @WriteOperation
  public WebEndpointResponse<Map<String, Object>> operate(
      @Selector String action,
      @Nullable String phase,
      @Nullable Long id,
      @Nullable String direction) {
    try {
      return switch (action) {
        case "advance" -> done(action, "phase", migration.advance(phase(phase)).name());
        case "cutover" -> switched(action, migration::cutover);
        case "rollback" -> done(action, "phase", migration.rollback().name());
        case "start-backfill" -> {
          migration.backfill().begin();
          yield done(action, "backfill", migration.backfill().state().name());
        }
        case "pause-backfill" -> {
          migration.backfill().pause();
          yield done(action, "backfill", migration.backfill().state().name());
        }
        case "resume-backfill" -> {
          migration.backfill().resume();
          yield done(action, "backfill", migration.backfill().state().name());
        }
        case "verify" -> verified(migration.verify());
        case "replay-dead-letter" -> deadLetter(action, id, direction, true);
        case "discard-dead-letter" -> deadLetter(action, id, direction, false);
        default ->
            refused(
                400,
                action,
                "unknown action; use advance, cutover, rollback, start-backfill, pause-backfill,"
                    + " resume-backfill, verify, replay-dead-letter or discard-dead-letter");
      };
    } catch (GuardRefusedException
        | IllegalPhaseTransitionException
        | PhaseConflictException
        | IllegalStateException e) {
      return refused(409, action, e.getMessage());
    } catch (IllegalArgumentException e) {
      return refused(400, action, e.getMessage());
    } catch (ZdmException e) {
      return refused(500, action, e.getMessage());
    }
  }

  private static Phase phase(@Nullable String phase) {
    if (phase == null) {
      throw new IllegalArgumentException(
          "advance needs a phase, for example {\"phase\":\"SHADOW\"}");
    }
    try {
      return Phase.valueOf(phase.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown phase '" + phase + "'; use DUAL_WRITE, SHADOW, TARGET_PRIMARY or TARGET_ONLY");
    }
  }

  private WebEndpointResponse<Map<String, Object>> switched(
      String action, Supplier<SwitchReport> change) {
    SwitchReport report = change.get();
    Map<String, Object> body = body(action);
    body.put("phase", report.to().name());
    body.put("writePauseMillis", report.writePause().toMillis());
    body.put("fenceWaitMillis", report.fenceWait().toMillis());
    body.put("drainedChanges", report.drainedChanges());
    return new WebEndpointResponse<>(body, 200);
  }

  private WebEndpointResponse<Map<String, Object>> verified(VerificationReport report) {
    Map<String, Object> body = body("verify");
    body.putAll(StatusView.verification(report));
    return new WebEndpointResponse<>(body, 200);
  }

  private WebEndpointResponse<Map<String, Object>> deadLetter(
      String action, @Nullable Long id, @Nullable String direction, boolean replay) {
    if (id == null) {
      throw new IllegalArgumentException(action + " needs the dead letter's id, {\"id\": 42}");
    }
    ZdmRelays.Direction which =
        direction == null
            ? ZdmRelays.Direction.FORWARD
            : ZdmRelays.Direction.valueOf(direction.trim().toUpperCase(Locale.ROOT));
    DeadLetters letters = migration.relays().deadLetters(which);
    boolean found = replay ? letters.replay(id) : letters.discard(id);
    if (!found) {
      return refused(
          404, action, "no " + which.name().toLowerCase(Locale.ROOT) + " dead letter " + id);
    }
    return done(action, "id", id);
  }

  private Map<String, Object> body(String action) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("migration", migration.control().migration());
    body.put("action", action);
    return body;
  }

  private WebEndpointResponse<Map<String, Object>> done(String action, String key, Object value) {
    Map<String, Object> body = body(action);
    body.put(key, value);
    return new WebEndpointResponse<>(body, 200);
  }

  private WebEndpointResponse<Map<String, Object>> refused(
      int status, String action, String message) {
    Map<String, Object> body = body(action);
    body.put("error", message);
    return new WebEndpointResponse<>(body, status);
  }
}
