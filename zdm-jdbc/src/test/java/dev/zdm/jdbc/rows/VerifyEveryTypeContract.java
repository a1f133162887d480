package dev.zdm.jdbc.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zdm.change.RowKey;
import dev.zdm.jdbc.Verification;
import dev.zdm.jdbc.schema.SchemaInstaller;
import dev.zdm.test.Engine;
import dev.zdm.test.RealDatabaseTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.TestDatabases;
import dev.zdm.verify.Difference;
import dev.zdm.verify.VerificationReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier on a column of every type zdm carries: equal data written independently on both
 * sides (plain JDBC, each engine's own forms) verifies clean, so no canonical form invents a
 * difference; and a change to any one column of one row is found and named, so none hides one.
 */
@RealDatabaseTest
abstract class VerifyEveryTypeContract {

  private TestDatabase source;
  private TestDatabase target;

  abstract Engine from();

  abstract Engine to();

  @BeforeEach
  void databases(TestDatabases databases) throws SQLException {
    source = databases.create(from(), "source");
    target = databases.create(to(), "target");
    var examples = TypeRichTable.examples(from(), to());
    try (Connection s = source.connect();
        Connection t = target.connect();
        Statement onSource = s.createStatement();
        Statement onTarget = t.createStatement()) {
      onSource.execute(TypeRichTable.ddl(from(), "rich"));
      onTarget.execute(TypeRichTable.ddl(to(), "rich"));
      TypeRichTable.insert(s, from(), "rich", examples);
      TypeRichTable.insert(t, to(), "rich", examples);
    }
    SchemaInstaller.builder(source.dataSource()).build().install();
  }

  private VerificationReport verify() {
    Verification verification =
        Verification.builder("rich-check")
            .from(source.dataSource())
            .to(target.dataSource())
            .table("rich")
            .liveTraffic(false)
            .build();
    verification.install();
    return verification.run();
  }

  @Test
  void equalDataOfEveryTypeVerifiesClean() {
    VerificationReport report = verify();

    assertThat(report.differences()).isEmpty();
    assertThat(report.outcome()).isEqualTo(VerificationReport.Outcome.CLEAN);
    assertThat(report.rowsCompared()).isEqualTo(TypeRichTable.examples(from(), to()).size());
  }

  @Test
  void aChangeToAnyOneColumnIsNamed() throws SQLException {
    for (String column : TypeRichTable.COLUMNS.subList(1, TypeRichTable.COLUMNS.size())) {
      try (Connection t = target.connect();
          Statement statement = t.createStatement()) {
        // Row 2 holds a value in every column; NULL is a change for each.
        statement.execute("UPDATE rich SET " + column + " = NULL WHERE id = 2");
      }

      assertThat(verify().differences())
          .as(column)
          .extracting(Difference::key, Difference::kind, Difference::columns)
          .containsExactly(tuple(RowKey.of(2L), Difference.Kind.DIFFERENT, List.of(column)));

      try (Connection s = source.connect();
          Connection t = target.connect();
          Statement statement = t.createStatement()) {
        statement.execute("DELETE FROM rich WHERE id = 2");
        TypeRichTable.insert(t, to(), "rich", TypeRichTable.examples(from(), to()).subList(1, 2));
      }
    }
    assertThat(verify().differences()).isEmpty();
  }
}
