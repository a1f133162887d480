package dev.zdm.jdbc.verify;

import dev.zdm.test.Engine;

class PostgresToPostgresPlantedDifferencesTest extends PlantedDifferencesContract {

  @Override
  Engine from() {
    return Engine.POSTGRES;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
