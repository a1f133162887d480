package dev.zdm.jdbc.shadow;

import dev.zdm.test.Engine;

class MariaDbToPostgresShadowReadsTest extends ShadowReadsContract {

  @Override
  Engine sourceEngine() {
    return Engine.MARIADB;
  }

  @Override
  String auditFunction() {
    return "CREATE FUNCTION audit_touch(x BIGINT) RETURNS BIGINT DETERMINISTIC RETURN x";
  }

  @Override
  String sharedLockingRead() {
    return "SELECT id FROM accounts WHERE id = 1 LOCK IN SHARE MODE";
  }

  @Override
  String documentsTable() {
    return "CREATE TABLE documents (id BIGINT PRIMARY KEY, data LONGBLOB, body LONGTEXT)";
  }

  @Override
  boolean blobAndClobOnDocuments() {
    return true;
  }
}
