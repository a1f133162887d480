package dev.zdm.jdbc.control;

import dev.zdm.test.Engine;

class PostgresToPostgresReadCanaryTest extends ReadCanaryContract {

  @Override
  Engine from() {
    return Engine.POSTGRES;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
