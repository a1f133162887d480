package dev.zdm.jdbc.outbox;

import dev.zdm.test.Engine;

class MariaDbOutboxStoresTest extends OutboxStoresContract {

  @Override
  Engine engine() {
    return Engine.MARIADB;
  }
}
