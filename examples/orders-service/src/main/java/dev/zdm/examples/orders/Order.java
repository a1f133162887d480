package dev.zdm.examples.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One order.
 *
 * @param id the order's id
 * @param customer who ordered
 * @param amount what it costs
 * @param status NEW or SHIPPED
 * @param createdAt when it was placed
 */
public record Order(long id, String customer, BigDecimal amount, String status, Instant createdAt) {

  /**
   * What a client sends to place an order.
   *
   * @param customer who orders
   * @param amount what it costs
   */
  public record New(String customer, BigDecimal amount) {}
}
