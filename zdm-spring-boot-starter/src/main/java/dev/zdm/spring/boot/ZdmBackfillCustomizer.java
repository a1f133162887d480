package dev.zdm.spring.boot;

import dev.zdm.jdbc.Backfill;

/**
 * Adjusts each {@link Backfill} the starter builds (a listener, a source health probe). Every bean
 * of this type is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface ZdmBackfillCustomizer {

  /**
   * Customizes the builder; called each time a backfill starts.
   *
   * @param builder the builder, with the data sources, tables and properties set
   */
  void customize(Backfill.Builder builder);
}
