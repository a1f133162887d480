package dev.zdm.jdbc.datasource;

import java.sql.Connection;
import java.sql.Statement;

/**
 * How a statement proxy creates its driver statement: the SQL (null for a plain statement) and the
 * connection call with the caller's arguments (result set type, generated keys, ...), so that the
 * same statement can be created again on the other database after a re-bind.
 */
record StatementRecipe(String sql, SqlCall<Connection, ? extends Statement> create) {}
