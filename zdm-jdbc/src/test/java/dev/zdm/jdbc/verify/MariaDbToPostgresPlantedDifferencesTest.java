package dev.zdm.jdbc.verify;

import dev.zdm.test.Engine;

class MariaDbToPostgresPlantedDifferencesTest extends PlantedDifferencesContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
