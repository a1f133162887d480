package dev.zdm.jdbc.rows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a connection to count the statements prepared on it: one round trip each, or a batch. */
final class StatementCount {

  private final AtomicInteger prepared = new AtomicInteger();
  private final Connection connection;

  StatementCount(Connection delegate) {
    this.connection =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("prepareStatement")) {
                    prepared.incrementAndGet();
                  }
                  try {
                    return method.invoke(delegate, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  Connection connection() {
    return connection;
  }

  int prepared() {
    return prepared.getAndSet(0);
  }
}
