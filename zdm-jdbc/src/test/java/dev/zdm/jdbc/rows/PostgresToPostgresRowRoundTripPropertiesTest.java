package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;

class PostgresToPostgresRowRoundTripPropertiesTest extends RowRoundTripProperties {

  @Override
  Engine sourceEngine() {
    return Engine.POSTGRES;
  }
}
