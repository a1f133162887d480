package dev.zdm.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.backfill.BackfillConfig;
import dev.zdm.jdbc.Verification;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The child JVM of the memory benchmark: runs one task (zdm's backfill or verification of orders,
 * or nothing, for the idle baseline) between the databases named by ZDM_PROBE_SOURCE_URL and
 * ZDM_PROBE_TARGET_URL (environment, so credentials stay out of the process list), and measures the
 * heap from garbage collector notifications: the live heap as the heap used after the full
 * collections a sampler thread requests every 500 ms (explicit, so only live objects remain), and
 * the highest heap used after any collection. Prints one line {@code HEAP-PROBE key=value ...} that
 * {@link MemoryBenchmark} reads.
 */
final class HeapProbe {

  static final String PREFIX = "HEAP-PROBE ";

  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    String task = args[0];
    int rows = Integer.parseInt(args[1]);
    Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    AtomicLong livePeak = new AtomicLong();
    AtomicLong afterAnyPeak = new AtomicLong();
    AtomicLong explicitCollections = new AtomicLong();
    AtomicLong collections = new AtomicLong();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector)
          .addNotificationListener(
              (notification, handback) -> {
                if (!notification
                    .getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                  if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                  }
                }
                afterAnyPeak.accumulateAndGet(used, Math::max);
                collections.incrementAndGet();
                if (info.getGcCause().equals("System.gc()")) {
                  livePeak.accumulateAndGet(used, Math::max);
                  explicitCollections.incrementAndGet();
                }
              },
              null,
              null);
    }
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                System.gc();
                LockSupport.parkNanos(500_000_000L);
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    try (HikariDataSource source = pool(System.getenv("ZDM_PROBE_SOURCE_URL"));
        HikariDataSource target = pool(System.getenv("ZDM_PROBE_TARGET_URL"))) {
      switch (task) {
        case "idle" -> idle(source, target);
        case "backfill" -> BackfillBenchmark.backfill(source, target, "bench-heap", true);
        case "verify" -> {
          Verification verification =
              VerifyBenchmark.verification(
                  source,
                  target,
                  BackfillConfig.builder().maxConcurrency(4).chunkSize(2000, 100, 20_000).build());
          verification.install();
          VerifyBenchmark.timeZdm(verification, rows);
        }
        default -> throw new IllegalArgumentException("unknown heap probe task '" + task + "'");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    sampling.set(false);
    sampler.join();
    // One more explicit collection, and wait (bounded) until its notification has been seen.
    long seen = explicitCollections.get();
    System.gc();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (explicitCollections.get() == seen && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000L);
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "%slive_peak_bytes=%d after_gc_peak_bytes=%d collections=%d explicit=%d seconds=%.2f%n",
        PREFIX,
        livePeak.get(),
        afterAnyPeak.get(),
        collections.get(),
        explicitCollections.get(),
        seconds);
  }

  private static void idle(HikariDataSource source, HikariDataSource target) throws Exception {
    for (HikariDataSource pool : new HikariDataSource[] {source, target}) {
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("SELECT count(*) FROM orders");
      }
    }
    LockSupport.parkNanos(1_500_000_000L);
  }

  private static HikariDataSource pool(String url) {
    if (url == null) {
      throw new IllegalStateException(
          "HeapProbe is started by the memory benchmark, which sets ZDM_PROBE_SOURCE_URL and"
              + " ZDM_PROBE_TARGET_URL");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    return new HikariDataSource(config);
  }
}
