package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class PostgresToPostgresVerifyEveryTypeTest extends VerifyEveryTypeContract {

  @Override
  Engine from() {
    return Engine.POSTGRES;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
