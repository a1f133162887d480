package dev.zdm.jdbc.relay;

import dev.zdm.test.Engine;

class MariaDbToPostgresRelayTest extends RelayAcceptanceContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
