package dev.zdm.jdbc.rows;

import dev.zdm.change.RowKey;
import dev.zdm.mapping.TableMapping;
import dev.zdm.test.Engine;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random rows of the type-rich table arrive in PostgreSQL exactly as the source holds them,
 * compared through plain SQL on both sides. jqwik runs outside JUnit Jupiter, so the databases are
 * managed here rather than injected.
 */
abstract class RowRoundTripProperties {

  private TestDatabases databases;
  private TestDatabase sourceDb;
  private TestDatabase targetDb;

  abstract Engine sourceEngine();

  @BeforeProperty
  void databases() throws SQLException {
    databases = new TestDatabases();
    sourceDb = databases.create(sourceEngine(), "source");
    targetDb = databases.create(Engine.POSTGRES, "target");
    try (Connection source = sourceDb.connect();
        Connection target = targetDb.connect();
        Statement onSource = source.createStatement();
        Statement onTarget = target.createStatement()) {
      onSource.execute(TypeRichTable.ddl(sourceEngine(), "rich"));
      onTarget.execute(TypeRichTable.ddl(Engine.POSTGRES, "rich"));
    }
  }

  @AfterProperty
  void dropDatabases() {
    databases.close();
  }

  @Provide
  Arbitrary<List<Map<String, Object>>> rows() {
    return TypeRichArbitraries.rows(sourceEngine(), Engine.POSTGRES);
  }

  @Property(tries = 50)
  void randomRowsArriveExactly(@ForAll("rows") List<Map<String, Object>> rows) throws SQLException {
    List<RowKey> keys = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).put("id", (long) i + 1);
      keys.add(RowKey.of((long) i + 1));
    }
    try (Connection source = sourceDb.connect();
        Connection target = RowRoundTripContract.connect(targetDb);
        Statement onSource = source.createStatement();
        Statement onTarget = target.createStatement()) {
      onSource.execute("DELETE FROM rich");
      onTarget.execute("DELETE FROM rich");
      TypeRichTable.insert(source, sourceEngine(), "rich", rows);
      TablePair pair = TablePair.read(TableMapping.identity("rich"), source, target);
      target.setAutoCommit(false);
      pair.writer().apply(target, pair.reader().read(source, keys));
      target.commit();
      IndependentRead.assertSame(
          IndependentRead.rows(source, sourceEngine(), "rich"),
          sourceEngine(),
          IndependentRead.rows(target, Engine.POSTGRES, "rich"),
          Engine.POSTGRES,
          target);
    }
  }
}
