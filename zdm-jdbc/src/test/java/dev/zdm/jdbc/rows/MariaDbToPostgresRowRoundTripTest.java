package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class MariaDbToPostgresRowRoundTripTest extends RowRoundTripContract {

  @Override
  Engine sourceEngine() {
    return Engine.MARIADB;
  }

  @Override
  Engine targetEngine() {
    return Engine.POSTGRES;
  }
}
