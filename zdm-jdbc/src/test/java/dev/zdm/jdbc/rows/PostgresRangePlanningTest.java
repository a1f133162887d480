package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class PostgresRangePlanningTest extends RangePlanningContract {

  @Override
  Engine engine() {
    return Engine.POSTGRES;
  }
}
