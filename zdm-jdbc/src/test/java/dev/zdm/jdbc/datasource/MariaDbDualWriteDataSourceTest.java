package dev.zdm.jdbc.datasource;

import dev.zdm.test.Engine;
import java.util.ArrayList;
import java.util.List;

class MariaDbDualWriteDataSourceTest extends DualWriteDataSourceContract {

  @Override
  Engine engine() {
    return Engine.MARIADB;
  }

  @Override
  List<String> fenceDdl() {
    List<String> ddl = new ArrayList<>();
    for (String event : List.of("INSERT", "UPDATE", "DELETE")) {
      // A locking read: a plain one would see the transaction's snapshot, not the switch.
      ddl.add(
          "CREATE TRIGGER items_fence_"
              + event.toLowerCase(java.util.Locale.ROOT)
              + " BEFORE "
              + event
              + " ON items FOR EACH ROW BEGIN"
              + " IF (SELECT fenced FROM fence_switch LOCK IN SHARE MODE) = 1 THEN"
              + " SIGNAL SQLSTATE 'ZD001' SET MESSAGE_TEXT = 'test fence: this side is fenced';"
              + " END IF; END");
    }
    return ddl;
  }

  @Override
  String identityColumn() {
    return "BIGINT AUTO_INCREMENT";
  }

  @Override
  Class<?> driverConnection() {
    return org.mariadb.jdbc.Connection.class;
  }

  @Override
  Class<?> driverPreparedStatement() {
    return org.mariadb.jdbc.BasePreparedStatement.class;
  }

  @Override
  String addOneFunction() {
    return "CREATE FUNCTION add_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1";
  }
}
