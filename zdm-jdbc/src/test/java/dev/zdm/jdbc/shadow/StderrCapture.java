package dev.zdm.jdbc.shadow;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies what is written to {@code System.err} (where slf4j-simple writes the log) while some work
 * runs, so that a test can assert what zdm's log lines hold and what they never hold.
 */
final class StderrCapture {

  private StderrCapture() {}

  /** Work that may throw. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  /** Runs {@code work} while copying everything written to System.err (where the logger writes). */
  static String during(Work work) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    PrintStream tee =
        new PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                original.write(b);
                synchronized (copy) {
                  copy.write(b);
                }
              }

              @Override
              public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (copy) {
                  copy.write(b, off, len);
                }
              }
            },
            true,
            StandardCharsets.UTF_8);
    System.setErr(tee);
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }
}
