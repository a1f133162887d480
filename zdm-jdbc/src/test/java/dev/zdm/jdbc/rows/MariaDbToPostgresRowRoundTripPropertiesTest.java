package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class MariaDbToPostgresRowRoundTripPropertiesTest extends RowRoundTripProperties {

  @Override
  Engine sourceEngine() {
    return Engine.MARIADB;
  }
}
