package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class MariaDbRangePlanningTest extends RangePlanningContract {

  @Override
  Engine engine() {
    return Engine.MARIADB;
  }
}
