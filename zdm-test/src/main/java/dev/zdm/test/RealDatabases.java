package dev.zdm.test;

import java.util.Objects;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension injecting {@link TestDatabases} parameters: one instance per test class,
 * shared by its {@code @BeforeAll}, {@code @BeforeEach}, {@code @Test} and {@code @AfterEach}
 * methods and constructor, and closed (pools closed, databases dropped) when the class finishes.
 *
 * <p>Register it with {@link RealDatabaseTest}, or with {@code @RegisterExtension static} and
 * {@link #RealDatabases(ServerLocator)} to use another locator (not both on one class). A
 * {@code @Nested} class gets its own instance. Cleanup relies on JUnit (5.13+) closing {@link
 * AutoCloseable} store values, which is on by default. Stateless and thread-safe.
 */
public final class RealDatabases implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(RealDatabases.class);

  private final ServerLocator locator;

  /** Creates the extension using {@link ServerLocator#system()}. */
  public RealDatabases() {
    this(ServerLocator.system());
  }

  /**
   * Creates the extension using {@code locator}.
   *
   * @param locator where servers come from
   */
  public RealDatabases(ServerLocator locator) {
    this.locator = Objects.requireNonNull(locator, "locator");
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == TestDatabases.class;
  }

  @Override
  public TestDatabases resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return classContext(extensionContext)
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            TestDatabases.class, key -> new TestDatabases(locator), TestDatabases.class);
  }

  /** The context of the innermost test class: method and invocation contexts are walked up. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }
}
