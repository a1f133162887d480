package dev.zdm.jdbc.relay;

import dev.zdm.test.Engine;

class PostgresToMariaDbForeignKeyTest extends ForeignKeyAcrossPartitionsContract {

  @Override
  Engine from() {
    return Engine.POSTGRES;
  }

  @Override
  Engine to() {
    return Engine.MARIADB;
  }
}
