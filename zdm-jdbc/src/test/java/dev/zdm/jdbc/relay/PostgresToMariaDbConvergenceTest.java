package dev.zdm.jdbc.relay;

import dev.zdm.test.Engine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;

class PostgresToMariaDbConvergenceTest extends RelayConvergenceProperties {

  @BeforeContainer
  static void databases() throws Exception {
    open(Engine.POSTGRES, Engine.MARIADB);
  }

  @Property(tries = 200)
  void theTargetEqualsTheSourceOnceTheOutboxDrains(@ForAll("workloads") Workload workload)
      throws Exception {
    targetConvergesToSource(workload);
  }
}
