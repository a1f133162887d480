package dev.zdm.examples.orders;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The orders API: place, read, ship, cancel, count. Plain JDBC through the application's {@code
 * DataSource}; a write refused during a cutover's short pause ({@code SQLTransientException}) is
 * tried again, as a client would.
 */
@RestController
@RequestMapping("/orders")
public class OrderController {

  private static final int ATTEMPTS = 3;
  private static final RowMapper<Order> ORDER =
      (row, n) ->
          new Order(
              row.getLong("id"),
              row.getString("customer"),
              row.getBigDecimal("amount"),
              row.getString("status"),
              row.getTimestamp("created_at").toInstant());

  private final JdbcTemplate jdbc;

  OrderController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Order place(@RequestBody Order.New order) {
    return retried(
        () ->
            jdbc.queryForObject(
                "INSERT INTO orders (customer, amount) VALUES (?, ?)"
                    + " RETURNING id, customer, amount, status, created_at",
                ORDER,
                order.customer(),
                order.amount()));
  }

  @GetMapping("/{id}")
  Order get(@PathVariable long id) {
    try {
      return jdbc.queryForObject(
          "SELECT id, customer, amount, status, created_at FROM orders WHERE id = ?", ORDER, id);
    } catch (EmptyResultDataAccessException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id);
    }
  }

  @GetMapping
  List<Order> latest(@RequestParam(defaultValue = "10") int limit) {
    return jdbc.query(
        "SELECT id, customer, amount, status, created_at FROM orders ORDER BY id DESC LIMIT ?",
        ORDER,
        Math.min(limit, 100));
  }

  @GetMapping("/count")
  Map<String, Long> count() {
    return Map.of("orders", jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class));
  }

  @PostMapping("/{id}/ship")
  Order ship(@PathVariable long id) {
    int updated =
        retried(() -> jdbc.update("UPDATE orders SET status = 'SHIPPED' WHERE id = ?", id));
    if (updated == 0) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id);
    }
    return get(id);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void cancel(@PathVariable long id) {
    retried(() -> jdbc.update("DELETE FROM orders WHERE id = ?", id));
  }

  private static <T> T retried(Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (TransientDataAccessException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
