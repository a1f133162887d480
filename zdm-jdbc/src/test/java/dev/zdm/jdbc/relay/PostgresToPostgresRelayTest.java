package dev.zdm.jdbc.relay;

import dev.zdm.test.Engine;

class PostgresToPostgresRelayTest extends RelayAcceptanceContract {

  @Override
  Engine from() {
    return Engine.POSTGRES;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
