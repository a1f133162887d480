package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class PostgresToPostgresRowRoundTripTest extends RowRoundTripContract {

  @Override
  Engine sourceEngine() {
    return Engine.POSTGRES;
  }

  @Override
  Engine targetEngine() {
    return Engine.POSTGRES;
  }
}
