package dev.zdm.jdbc.verify;

import dev.zdm.test.Engine;

class MariaDbToPostgresRepairKeyTextTest extends RepairKeyTextContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }
}
