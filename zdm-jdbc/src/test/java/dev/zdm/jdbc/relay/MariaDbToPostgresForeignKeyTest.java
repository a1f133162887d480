package dev.zdm.jdbc.relay;

import dev.zdm.test.Engine;

class MariaDbToPostgresForeignKeyTest extends ForeignKeyAcrossPartitionsContract {

  @Override
  Engine from() {
    return Engine.MARIADB;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
