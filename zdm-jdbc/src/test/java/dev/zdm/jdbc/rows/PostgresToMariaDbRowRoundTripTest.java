package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class PostgresToMariaDbRowRoundTripTest extends RowRoundTripContract {

  @Override
  Engine sourceEngine() {
    return Engine.POSTGRES;
  }

  @Override
  Engine targetEngine() {
    return Engine.MARIADB;
  }
}
