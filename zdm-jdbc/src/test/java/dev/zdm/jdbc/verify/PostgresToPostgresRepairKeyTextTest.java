package dev.zdm.jdbc.verify;

import dev.zdm.test.Engine;

class PostgresToPostgresRepairKeyTextTest extends RepairKeyTextContract {

  @Override
  Engine from() {
    return Engine.POSTGRES;
  }
}
