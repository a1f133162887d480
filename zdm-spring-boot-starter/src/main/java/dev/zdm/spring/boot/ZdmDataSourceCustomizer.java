package dev.zdm.spring.boot;

import dev.zdm.jdbc.datasource.DualWriteDataSource;

/**
 * Adjusts the application's {@link DualWriteDataSource} before it is built (a listener, a statement
 * observer, the phase refresh). Every bean of this type is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface ZdmDataSourceCustomizer {

  /**
   * Customizes the builder; called once, on the thread that creates the bean.
   *
   * @param builder the builder, with the source, target, phase reader and properties set
   */
  void customize(DualWriteDataSource.Builder builder);
}
