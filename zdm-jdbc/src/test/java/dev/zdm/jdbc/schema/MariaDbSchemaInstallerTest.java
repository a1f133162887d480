package dev.zdm.jdbc.schema;

import dev.zdm.test.Engine;

class MariaDbSchemaInstallerTest extends SchemaInstallerContract {

  @Override
  Engine engine() {
    return Engine.MARIADB;
  }

  @Override
  String expectedDialect() {
    return "mariadb";
  }
}
