package dev.zdm.jdbc.backfill;

import dev.zdm.test.Engine;

class MariaDbInPlaceJobTest extends InPlaceJobContract {

  @Override
  Engine engine() {
    return Engine.MARIADB;
  }
}
