package dev.zdm.archfixture;

import java.sql.Connection;

/** A deliberate violation, to prove the dependency rules can fail. Never used. */
public final class CoreClassThatUsesJdbc {
  Connection connection;
}
