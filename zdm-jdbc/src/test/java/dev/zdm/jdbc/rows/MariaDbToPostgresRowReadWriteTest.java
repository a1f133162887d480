package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class MariaDbToPostgresRowReadWriteTest extends RowReadWriteContract {

  @Override
  Engine sourceEngine() {
    return Engine.MARIADB;
  }

  @Override
  Engine targetEngine() {
    return Engine.POSTGRES;
  }
}
