package dev.zdm.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Peak heap of zdm's backfill and verification at two table sizes (1M and 5M rows by default), each
 * measured in a forked child JVM ({@link HeapProbe}) so no case inherits another's heap. The
 * baseline is the same child JVM idle: pools open on both databases, one query, no zdm work. The
 * heap counts as flat when the larger table's live peak is at most 1.5 times the smaller's.
 */
final class MemoryBenchmark implements Benchmark {

  private static final double FLAT = 1.5;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String usage() {
    return "peak heap of backfill and verify in a child JVM at two table sizes"
        + " [--memory-rows 1000000,5000000] [--child-heap 512m]";
  }

  @Override
  public BenchResult run(BenchOptions options, Path output) throws Exception {
    int[] sizes =
        Arrays.stream(
                options
                    .text("memory-rows", options.quick() ? "50000,250000" : "1000000,5000000")
                    .split(","))
            .mapToInt(n -> Integer.parseInt(n.trim()))
            .toArray();
    String childHeap = options.text("child-heap", "512m");
    BenchResult result =
        new BenchResult(name())
            .parameter("rows", Arrays.stream(sizes).boxed().map(n -> (Object) n).toList())
            .parameter("child_jvm", "-Xmx" + childHeap + " -XX:+UseG1GC")
            .parameter(
                "measure",
                "live heap: heap used after explicit full collections every 500 ms, from"
                    + " GarbageCollectorMXBean notifications; also the highest heap used after"
                    + " any collection");
    Map<String, Map<Integer, Probe>> measured = new LinkedHashMap<>();
    Probe idle = null;
    String admin = options.postgresUrl();
    for (int rows : sizes) {
      try (BenchDatabase source = new BenchDatabase(admin, "mem_src", 2);
          BenchDatabase target = new BenchDatabase(admin, "mem_dst", 2)) {
        long start = System.nanoTime();
        source.execute(OrdersTable.POSTGRES_DDL, OrdersTable.postgresSeed(rows), "ANALYZE orders");
        target.execute(OrdersTable.POSTGRES_DDL);
        System.out.printf(
            "memory benchmark: %,d rows seeded in %.1f s%n",
            rows, (System.nanoTime() - start) / 1e9);
        if (idle == null) {
          idle = probe("idle", rows, source, target, childHeap);
        }
        for (String task : List.of("backfill", "verify")) {
          Probe probe = probe(task, rows, source, target, childHeap);
          measured.computeIfAbsent(task, t -> new LinkedHashMap<>()).put(rows, probe);
        }
      }
    }
    result.baseline("idle_child_jvm", idle.toJson());
    String idleText = "idle JVM " + megabytes(idle.livePeak);
    for (Map.Entry<String, Map<Integer, Probe>> task : measured.entrySet()) {
      Map<String, Object> json = new LinkedHashMap<>();
      StringBuilder text = new StringBuilder();
      for (Map.Entry<Integer, Probe> size : task.getValue().entrySet()) {
        json.put(Integer.toString(size.getKey()), size.getValue().toJson());
        text.append(text.length() == 0 ? "" : "; ")
            .append(
                String.format("%,d rows: %s", size.getKey(), megabytes(size.getValue().livePeak)))
            .append(" (after any GC ")
            .append(megabytes(size.getValue().afterGcPeak))
            .append(")");
      }
      result.zdm(task.getKey(), json);
      Probe small = task.getValue().get(sizes[0]);
      Probe large = task.getValue().get(sizes[sizes.length - 1]);
      double ratio = (double) large.livePeak / small.livePeak;
      result.target(
          task.getKey() + " live heap peak",
          idleText,
          text.toString(),
          ratio,
          "largest/smallest table",
          "flat: <= " + FLAT,
          ratio <= FLAT);
    }
    result.note(
        "Each case runs in its own child JVM; the live heap is sampled by explicit full"
            + " collections (System.gc() every 500 ms), so it is the retained heap, not garbage.");
    return result;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** The figures one child JVM printed. */
  private record Probe(long livePeak, long afterGcPeak, long collections, double seconds) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("live_heap_peak_bytes", livePeak);
      json.put("after_gc_heap_peak_bytes", afterGcPeak);
      json.put("collections", collections);
      json.put("seconds", seconds);
      return json;
    }
  }

  private static Probe probe(
      String task, int rows, BenchDatabase source, BenchDatabase target, String heap)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx" + heap,
            "-XX:+UseG1GC",
            "-cp",
            System.getProperty("java.class.path"),
            HeapProbe.class.getName(),
            task,
            Integer.toString(rows)));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("ZDM_PROBE_SOURCE_URL", source.url);
    builder.environment().put("ZDM_PROBE_TARGET_URL", target.url);
    Process process = builder.start();
    Map<String, String> figures = new LinkedHashMap<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith(HeapProbe.PREFIX)) {
          for (String pair : line.substring(HeapProbe.PREFIX.length()).split(" ")) {
            String[] kv = pair.split("=", 2);
            figures.put(kv[0], kv[1]);
          }
        } else {
          System.out.println("  [" + task + "] " + line);
        }
      }
    }
    int status = process.waitFor();
    if (status != 0 || !figures.containsKey("live_peak_bytes")) {
      throw new IllegalStateException(
          "the heap probe for " + task + " at " + rows + " rows exited with " + status);
    }
    Probe probe =
        new Probe(
            Long.parseLong(figures.get("live_peak_bytes")),
            Long.parseLong(figures.get("after_gc_peak_bytes")),
            Long.parseLong(figures.get("collections")),
            Double.parseDouble(figures.get("seconds")));
    System.out.printf(
        "  %-8s %,10d rows: live heap peak %s, after any GC %s, %d collections, %.1f s%n",
        task,
        rows,
        megabytes(probe.livePeak),
        megabytes(probe.afterGcPeak),
        probe.collections,
        probe.seconds);
    return probe;
  }
}
