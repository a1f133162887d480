package dev.zdm.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@link javax.sql.DataSource} bean of the migration's target database. When a bean
 * carries it, the starter uses that bean and ignores {@code zdm.target.*}:
 *
 * <pre>{@code
 * @Bean(defaultCandidate = false)
 * @ZdmTargetDataSource
 * DataSource ordersTarget() { ... }
 * }</pre>
 *
 * Declare it with {@code defaultCandidate = false} so that it never competes with the application's
 * own data source; inject it with the same qualifier.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ZdmTargetDataSource {}
