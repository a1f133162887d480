package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class PostgresToPostgresRowReadWriteTest extends RowReadWriteContract {

  @Override
  Engine sourceEngine() {
    return Engine.POSTGRES;
  }

  @Override
  Engine targetEngine() {
    return Engine.POSTGRES;
  }
}
