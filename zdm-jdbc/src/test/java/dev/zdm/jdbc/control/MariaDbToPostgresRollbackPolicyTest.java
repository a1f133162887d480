package dev.zdm.jdbc.control;

import dev.zdm.test.Engine;

class MariaDbToPostgresRollbackPolicyTest extends RollbackPolicyContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
