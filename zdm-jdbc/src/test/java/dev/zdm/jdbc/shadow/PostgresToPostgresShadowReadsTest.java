package dev.zdm.jdbc.shadow;

import dev.zdm.test.Engine;

class PostgresToPostgresShadowReadsTest extends ShadowReadsContract {

  @Override
  Engine sourceEngine() {
    return Engine.POSTGRES;
  }

  @Override
  String auditFunction() {
    return "CREATE FUNCTION audit_touch(x BIGINT) RETURNS BIGINT LANGUAGE sql AS 'SELECT x'";
  }

  @Override
  String sharedLockingRead() {
    return "SELECT id FROM accounts WHERE id = 1 FOR NO KEY UPDATE";
  }

  @Override
  String documentsTable() {
    return "CREATE TABLE documents (id BIGINT PRIMARY KEY, data BYTEA, body TEXT)";
  }

  @Override
  boolean blobAndClobOnDocuments() {
    return false;
  }
}
