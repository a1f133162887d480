package dev.zdm.jdbc.backfill;

import dev.zdm.test.Engine;

class PostgresInPlaceJobTest extends InPlaceJobContract {

  @Override
  Engine engine() {
    return Engine.POSTGRES;
  }
}
