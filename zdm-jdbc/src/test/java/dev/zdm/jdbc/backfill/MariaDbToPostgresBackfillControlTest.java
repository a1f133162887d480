package dev.zdm.jdbc.backfill;

import dev.zdm.test.Engine;

class MariaDbToPostgresBackfillControlTest extends BackfillControlContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
