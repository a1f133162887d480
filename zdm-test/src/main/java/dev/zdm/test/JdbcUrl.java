package dev.zdm.test;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A parsed {@code jdbc:<driver>://host[:port][/database][?params]} URL with the credentials split
 * off, so that the URL can be printed and rewritten without ever showing a password.
 *
 * <p>PostgreSQL URL parameters are percent-decoded (as pgjdbc does); MariaDB ones are taken
 * verbatim (as Connector/J does). Immutable and thread-safe.
 */
final class JdbcUrl {
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

  private final String scheme;
  private final String authority;
  private final String database;
  private final Map<String, String> parameters;
  private final String user;
  private final String password;

  private JdbcUrl(
      String scheme,
      String authority,
      String database,
      Map<String, String> parameters,
      String user,
      String password) {
    this.scheme = scheme;
    this.authority = authority;
    this.database = database;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.user = user;
    this.password = password;
  }

  /**
   * Parses {@code url}.
   *
   * @throws IllegalArgumentException if it is not a {@code jdbc:<driver>://host...} URL; the
   *     message never contains the password
   */
  static JdbcUrl parse(String url) {
    int slashes = url.indexOf("://");
    if (!url.startsWith("jdbc:") || slashes < 0) {
      throw new IllegalArgumentException(
          "not a jdbc:<driver>://host[:port]/database URL: " + redact(url));
    }
    String scheme = url.substring(0, slashes + 1);
    String rest = url.substring(slashes + 3);
    int query = rest.indexOf('?');
    String queryString = query < 0 ? "" : rest.substring(query + 1);
    String hostAndPath = query < 0 ? rest : rest.substring(0, query);
    int slash = hostAndPath.indexOf('/');
    String authority = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
    String database = slash < 0 ? "" : hostAndPath.substring(slash + 1);
    if (authority.isEmpty()) {
      throw new IllegalArgumentException("JDBC URL names no host: " + redact(url));
    }
    boolean decode = scheme.equals("jdbc:postgresql:");
    Map<String, String> parameters = new LinkedHashMap<>();
    String user = null;
    String password = null;
    for (String pair : queryString.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      if (key.equalsIgnoreCase("user")) {
        user = decode ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value;
      } else if (key.equalsIgnoreCase("password")) {
        password = decode ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value;
      } else {
        parameters.put(key, value);
      }
    }
    return new JdbcUrl(scheme, authority, database, parameters, user, password);
  }

  /** Replaces every {@code password=...} URL parameter value in {@code text} with {@code ***}. */
  static String redact(String text) {
    return text == null ? null : PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
  }

  /** Returns this URL with other credentials; {@code password} may be {@code null}. */
  JdbcUrl withCredentials(String newUser, String newPassword) {
    return new JdbcUrl(scheme, authority, database, parameters, newUser, newPassword);
  }

  /** Returns this URL with parameter {@code key} added, unless it already has it. */
  JdbcUrl withDefaultParameter(String key, String value) {
    if (hasParameter(key)) {
      return this;
    }
    Map<String, String> more = new LinkedHashMap<>(parameters);
    more.put(key, value);
    return new JdbcUrl(scheme, authority, database, more, user, password);
  }

  /** Returns this URL pointing at database {@code name}, with the same parameters and user. */
  JdbcUrl withDatabase(String name) {
    return new JdbcUrl(scheme, authority, name, parameters, user, password);
  }

  /** The part before {@code //}, e.g. {@code jdbc:postgresql:}. */
  String scheme() {
    return scheme;
  }

  /** The {@code host[:port]} part. */
  String authority() {
    return authority;
  }

  /** The database path, empty when the URL names none. */
  String database() {
    return database;
  }

  /** Whether the URL carries parameter {@code key} (credentials excluded). */
  boolean hasParameter(String key) {
    return parameters.keySet().stream().anyMatch(key::equalsIgnoreCase);
  }

  /** The user, or {@code null} when the URL names none. */
  String user() {
    return user;
  }

  /** The password, or {@code null} when the URL names none. */
  String password() {
    return password;
  }

  /** Returns the URL with user and password parameters, e.g. to hand to a child JVM. */
  String toStringWithCredentials() {
    Map<String, String> all = new LinkedHashMap<>(parameters);
    boolean encode = scheme.equals("jdbc:postgresql:");
    if (user != null) {
      all.put("user", encode ? URLEncoder.encode(user, StandardCharsets.UTF_8) : user);
    }
    if (password != null) {
      all.put("password", encode ? URLEncoder.encode(password, StandardCharsets.UTF_8) : password);
    }
    return format(all);
  }

  /** Returns the URL without user and password; safe to print. */
  @Override
  public String toString() {
    return format(parameters);
  }

  private String format(Map<String, String> withParameters) {
    String query =
        withParameters.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("&"));
    return scheme + "//" + authority + "/" + database + (query.isEmpty() ? "" : "?" + query);
  }
}
