package dev.zdm.examples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small REST orders service that moves from one PostgreSQL database to another while it keeps
 * serving, with the zdm Spring Boot starter. Its code knows nothing of the migration: it uses the
 * {@code DataSource} Spring Boot gives it, which the starter routes. See the README next to this
 * module's pom for the walk-through.
 */
@SpringBootApplication
public class OrdersApplication {

  /**
   * Starts the service.
   *
   * @param args Spring Boot's command line
   */
  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }
}
