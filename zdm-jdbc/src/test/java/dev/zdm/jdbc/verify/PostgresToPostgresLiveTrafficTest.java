package dev.zdm.jdbc.verify;

import dev.zdm.test.Engine;

class PostgresToPostgresLiveTrafficTest extends LiveTrafficContract {

  @Override
  Engine from() {
    return Engine.POSTGRES;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
