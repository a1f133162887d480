package dev.zdm.spring.boot;

import dev.zdm.jdbc.control.MigrationControl;

/**
 * Adjusts the {@link MigrationControl} before it is built (a listener, the clock, a table mapping
 * with computed columns). Every bean of this type is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface ZdmControlCustomizer {

  /**
   * Customizes the builder; called once, on the thread that creates the bean.
   *
   * @param builder the builder, with the data sources, tables and properties set
   */
  void customize(MigrationControl.Builder builder);
}
