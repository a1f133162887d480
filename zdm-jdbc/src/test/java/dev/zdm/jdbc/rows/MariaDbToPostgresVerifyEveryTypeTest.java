package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class MariaDbToPostgresVerifyEveryTypeTest extends VerifyEveryTypeContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
