package dev.zdm.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import dev.zdm.Phase;
import dev.zdm.archfixture.CoreClassThatUsesJdbc;
import dev.zdm.archfixture.JdbcClassThatUsesTheStarter;
import dev.zdm.jdbc.Dialect;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependencies, core <- jdbc <- starter <- examples, checked on the compiled
 * classes of each published module (read from the jar or directory the module's classes come from),
 * so that it cannot silently rot.
 */
class DependencyDirectionTest {

  private static final ArchRule CORE_STAYS_PURE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "javax.sql..",
              "dev.zdm.jdbc..",
              "dev.zdm.spring..",
              "org.springframework..")
          .because(
              "zdm-core holds the domain and engines: no JDBC, no Spring (design.md section 2)");

  private static final ArchRule NOTHING_PUBLISHED_USES_THE_STARTER =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.zdm.spring..", "org.springframework..")
          .because("only the starter and the examples may depend on Spring or the starter");

  private static JavaClasses classesOfModuleHolding(Class<?> member) {
    Location location = Location.of(member.getProtectionDomain().getCodeSource().getLocation());
    JavaClasses classes = new ClassFileImporter().importLocations(Set.of(location));
    assertThat(classes.contain(member)).as("imported %s", location).isTrue();
    return classes;
  }

  @Test
  void coreImportsNeitherJdbcNorSpringNorTheOtherModules() {
    CORE_STAYS_PURE.check(classesOfModuleHolding(Phase.class));
  }

  @Test
  void coreAndJdbcDoNotImportTheStarter() {
    NOTHING_PUBLISHED_USES_THE_STARTER.check(classesOfModuleHolding(Phase.class));
    NOTHING_PUBLISHED_USES_THE_STARTER.check(classesOfModuleHolding(Dialect.class));
  }

  @Test
  void theRulesCatchAViolation() {
    JavaClasses fixtures =
        new ClassFileImporter()
            .importClasses(CoreClassThatUsesJdbc.class, JdbcClassThatUsesTheStarter.class);

    assertThat(CORE_STAYS_PURE.evaluate(fixtures).getFailureReport().getDetails())
        .anyMatch(line -> line.contains("java.sql.Connection"));
    assertThat(
            NOTHING_PUBLISHED_USES_THE_STARTER.evaluate(fixtures).getFailureReport().getDetails())
        .anyMatch(line -> line.contains("dev.zdm.spring.StarterTypeFixture"));
  }
}
