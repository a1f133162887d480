package dev.zdm.jdbc.verify;

import dev.zdm.test.Engine;

class MariaDbToPostgresLiveTrafficTest extends LiveTrafficContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
