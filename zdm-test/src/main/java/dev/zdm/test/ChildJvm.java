package dev.zdm.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running a main class from the test's own class path, for tests that must kill a
 * process the hard way ({@code kill -9}) and prove that nothing is lost. Its output goes to a log
 * file. Thread-safe.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code main} in a new JVM with the current class path.
   *
   * @param main a class with a {@code public static void main(String[])}
   * @param environment extra environment variables
   * @param args the program's arguments
   * @return the running child
   * @throws UncheckedIOException if the JVM cannot be started
   */
  public static ChildJvm start(Class<?> main, Map<String, String> environment, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile("zdm-child-" + main.getSimpleName() + "-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      return new ChildJvm(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for " + main.getName(), e);
    }
  }

  /**
   * Kills the JVM with SIGKILL, as {@code kill -9} does: no shutdown hooks, no cleanup.
   *
   * @throws IllegalStateException if it does not die within 10 s
   */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("child JVM " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Tells whether the JVM still runs.
   *
   * @return true while it runs
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for the JVM to exit on its own.
   *
   * @param timeout how long to wait
   * @return its exit status
   * @throws IllegalStateException if it is still running after the timeout
   */
  public int await(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "child JVM still running after " + timeout + "\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Returns everything the JVM printed so far.
   *
   * @return its output
   */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unavailable: " + e.getMessage() + ")";
    }
  }

  /** Kills the JVM if it still runs and deletes its log. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
    File file = log.toFile();
    if (!file.delete()) {
      file.deleteOnExit();
    }
  }
}
