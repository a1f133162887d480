package dev.zdm.jdbc.schema;

import dev.zdm.test.Engine;

class H2SchemaInstallerTest extends SchemaInstallerContract {

  @Override
  Engine engine() {
    return Engine.H2;
  }

  @Override
  String expectedDialect() {
    return "h2";
  }
}
