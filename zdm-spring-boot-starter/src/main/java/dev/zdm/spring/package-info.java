/**
 * Spring Boot integration for zdm: auto-configuration that wraps the application's primary {@code
 * DataSource} in a {@code DualWriteDataSource}, {@code zdm.*} properties, and the Actuator health
 * contributor and endpoint. Nothing in zdm's other published modules depends on this package.
 */
package dev.zdm.spring;
