package dev.zdm.spring.boot;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * The migration's two databases as the application configured them: the source is the application's
 * own data source (unwrapped), the target the {@code @ZdmTargetDataSource} bean or the pool built
 * from {@code zdm.target.*}. Inject this to reach the original data source; the primary {@code
 * DataSource} bean is the {@code DualWriteDataSource} over both. Immutable.
 *
 * @param source the database the service started on
 * @param target the database it moves to
 */
public record ZdmDataSources(DataSource source, DataSource target) {

  /** Checks both are present. */
  public ZdmDataSources {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }
}
