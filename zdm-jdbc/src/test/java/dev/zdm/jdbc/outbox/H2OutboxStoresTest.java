package dev.zdm.jdbc.outbox;

import dev.zdm.test.Engine;

class H2OutboxStoresTest extends OutboxStoresContract {

  @Override
  Engine engine() {
    return Engine.H2;
  }
}
