package dev.zdm.verify;

import dev.zdm.backfill.KeyRange;
import java.util.List;
import java.util.Map;

/**
 * Where a verification keeps its planned ranges and the ranges found equal, so that an interrupted
 * run resumes instead of starting over. A finished run clears its progress. Thread-safe.
 */
public interface VerifyProgressStore {

  /** Keeps nothing: every run starts from the beginning. */
  VerifyProgressStore NONE =
      new VerifyProgressStore() {
        @Override
        public List<KeyRange> ranges(String table) {
          return List.of();
        }

        @Override
        public Map<Integer, Long> done(String table) {
          return Map.of();
        }

        @Override
        public void save(String table, List<KeyRange> ranges) {}

        @Override
        public void markDone(String table, int rangeNo, long rows) {}

        @Override
        public void clear() {}
      };

  /**
   * Returns the ranges an unfinished run planned for a table.
   *
   * @param table the source table
   * @return the ranges, or empty if there is no unfinished run
   */
  List<KeyRange> ranges(String table);

  /**
   * Returns the ranges an unfinished run found equal.
   *
   * @param table the source table
   * @return the rows compared in each, by range number
   */
  Map<Integer, Long> done(String table);

  /**
   * Records a table's planned ranges, none done.
   *
   * @param table the source table
   * @param ranges the ranges
   */
  void save(String table, List<KeyRange> ranges);

  /**
   * Records a range found equal on both sides.
   *
   * @param table the source table
   * @param rangeNo the range
   * @param rows the rows compared in it
   */
  void markDone(String table, int rangeNo, long rows);

  /** Forgets every table's progress, once a run has finished. */
  void clear();
}
