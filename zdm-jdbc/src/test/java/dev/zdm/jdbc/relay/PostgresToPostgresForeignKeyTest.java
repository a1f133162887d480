package dev.zdm.jdbc.relay;

import dev.zdm.test.Engine;

class PostgresToPostgresForeignKeyTest extends ForeignKeyAcrossPartitionsContract {

  @Override
  Engine from() {
    return Engine.POSTGRES;
  }

  @Override
  Engine to() {
    return Engine.POSTGRES;
  }
}
