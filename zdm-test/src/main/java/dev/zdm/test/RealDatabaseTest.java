package dev.zdm.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that uses real databases: registers {@link RealDatabases}, so that its methods
 * may declare a {@link TestDatabases} parameter.
 *
 * <pre>{@code
 * @RealDatabaseTest
 * class MigrationIT {
 *   @Test
 *   void migrates(TestDatabases databases) throws SQLException {
 *     TestDatabase db = databases.create(Engine.POSTGRES);
 *     try (Connection connection = db.connect()) { ... }
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealDatabases.class)
public @interface RealDatabaseTest {}
