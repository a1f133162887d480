package dev.zdm.jdbc.backfill;

import dev.zdm.test.Engine;

class MariaDbToPostgresBackfillTest extends BackfillAcceptanceContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
