package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class H2ToH2RowReadWriteTest extends RowReadWriteContract {

  @Override
  Engine sourceEngine() {
    return Engine.H2;
  }

  @Override
  Engine targetEngine() {
    return Engine.H2;
  }
}
