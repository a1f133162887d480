package dev.zdm.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP forwarder on a loopback port, standing between zdm and a database so that a test can take
 * the database away: {@link #cut()} drops every open connection and closes the port (clients get
 * "connection refused"), {@link #restore()} opens it again. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

  private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+)(?::(\\d+))?");

  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  private TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = listen(0);
    this.port = server.getLocalPort();
    accept(server);
  }

  /**
   * Starts a proxy in front of the server a JDBC URL points at.
   *
   * @param jdbcUrl a URL such as {@code jdbc:postgresql://127.0.0.1:5432/db}
   * @return the running proxy
   */
  public static TcpProxy inFrontOf(String jdbcUrl) {
    Matcher m = HOST_PORT.matcher(jdbcUrl);
    if (!m.find()) {
      throw new IllegalArgumentException("no host in " + jdbcUrl);
    }
    int defaultPort = jdbcUrl.startsWith("jdbc:postgresql") ? 5432 : 3306;
    return new TcpProxy(
        m.group(1), m.group(2) == null ? defaultPort : Integer.parseInt(m.group(2)));
  }

  /**
   * Rewrites a JDBC URL to go through this proxy.
   *
   * @param jdbcUrl a URL for the proxied server
   * @return the same URL with host and port replaced by the proxy's
   */
  public String rewrite(String jdbcUrl) {
    return HOST_PORT.matcher(jdbcUrl).replaceFirst("//127.0.0.1:" + port);
  }

  /** Returns the proxy's port. */
  public int port() {
    return port;
  }

  /** Drops every connection and closes the port, as a crashed or firewalled server would. */
  public synchronized void cut() {
    closeQuietly(server);
    for (Socket socket : List.copyOf(open)) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /** Opens the port again; new connections reach the server. */
  public synchronized void restore() {
    if (server.isClosed()) {
      server = listen(port);
      accept(server);
    }
  }

  @Override
  public void close() {
    cut();
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }

  private void accept(ServerSocket listening) {
    Thread acceptor =
        new Thread(
            () -> {
              while (!listening.isClosed()) {
                try {
                  Socket client = listening.accept();
                  Socket upstream = new Socket(targetHost, targetPort);
                  open.add(client);
                  open.add(upstream);
                  pump(client, upstream);
                  pump(upstream, client);
                } catch (IOException e) {
                  // closed by cut(), or the server refused: the client sees its socket close
                }
              }
            },
            "zdm-test-proxy-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void pump(Socket from, Socket to) {
    Thread pump =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "zdm-test-proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
