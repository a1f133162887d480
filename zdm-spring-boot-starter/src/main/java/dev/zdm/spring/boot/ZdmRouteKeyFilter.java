package dev.zdm.spring.boot;

import dev.zdm.jdbc.canary.RouteScope;
import dev.zdm.jdbc.datasource.DualWriteDataSource;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Objects;

/**
 * Gives each HTTP request the read canary's routing key from a request header ({@code
 * zdm.canary.route-key-header}): the request's transactions run inside {@link
 * DualWriteDataSource#route(Object)} with the header's value, so the same user (or tenant) always
 * reads from the same side. A request without the header, or with a blank one, has no key and reads
 * the source. The key holds on the request's thread only: work handed to another thread (async
 * requests, executors) needs its own {@code route(key)}. Thread-safe.
 */
public final class ZdmRouteKeyFilter implements Filter {

  private final DualWriteDataSource dataSource;
  private final String header;

  /**
   * Creates the filter.
   *
   * @param dataSource the routed data source
   * @param header the request header that carries the routing key
   */
  public ZdmRouteKeyFilter(DualWriteDataSource dataSource, String header) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.header = Objects.requireNonNull(header, "header");
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String key = request instanceof HttpServletRequest http ? http.getHeader(header) : null;
    if (key == null || key.isBlank()) {
      chain.doFilter(request, response);
      return;
    }
    try (RouteScope scope = dataSource.route(key.strip())) {
      chain.doFilter(request, response);
    }
  }

  /**
   * Returns the header the key is read from.
   *
   * @return the header's name
   */
  public String header() {
    return header;
  }
}
