package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class PostgresToMariaDbRowReadWriteTest extends RowReadWriteContract {

  @Override
  Engine sourceEngine() {
    return Engine.POSTGRES;
  }

  @Override
  Engine targetEngine() {
    return Engine.MARIADB;
  }
}
