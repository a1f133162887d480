package dev.zdm.jdbc.outbox;

import dev.zdm.test.Engine;

class PostgresOutboxStoresTest extends OutboxStoresContract {

  @Override
  Engine engine() {
    return Engine.POSTGRES;
  }
}
