package dev.zdm.jdbc.backfill;

import dev.zdm.test.Engine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;

class PostgresToPostgresBackfillConvergenceTest extends BackfillConvergenceProperties {

  @BeforeContainer
  static void databases() throws Exception {
    open(Engine.POSTGRES, Engine.POSTGRES);
  }

  @Property(tries = 40)
  void theTargetEqualsTheSourceAfterABackfillUnderLiveWrites(@ForAll("workloads") Workload workload)
      throws Exception {
    targetConvergesToSource(workload);
  }
}
