package dev.zdm.jdbc.control;

import dev.zdm.test.Engine;

class MariaDbToPostgresReadCanaryTest extends ReadCanaryContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
