package dev.zdm.jdbc.schema;

import dev.zdm.test.Engine;

class PostgresSchemaInstallerTest extends SchemaInstallerContract {

  @Override
  Engine engine() {
    return Engine.POSTGRES;
  }

  @Override
  String expectedDialect() {
    return "postgresql";
  }
}
