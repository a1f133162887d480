package dev.zdm.jdbc.backfill;

import dev.zdm.test.Engine;

class PostgresToPostgresBackfillControlTest extends BackfillControlContract {

  @Override
  Engine from() {
    return Engine.POSTGRES;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
