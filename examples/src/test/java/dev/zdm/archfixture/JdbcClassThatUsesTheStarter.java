package dev.zdm.archfixture;

import dev.zdm.spring.StarterTypeFixture;

/** A deliberate violation, to prove the dependency rules can fail. Never used. */
public final class JdbcClassThatUsesTheStarter {
  StarterTypeFixture starter;
}
