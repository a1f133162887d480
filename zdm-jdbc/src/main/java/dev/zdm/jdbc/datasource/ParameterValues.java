package dev.zdm.jdbc.datasource;

import java.io.InputStream;
import java.io.Reader;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLXML;
import java.sql.Struct;

/** Which parameter values can be set a second time, on another physical connection. */
final class ParameterValues {

  private ParameterValues() {}

  /**
   * Whether a value given to {@code setObject} can be set again: not a stream or reader (consumed
   * by the first execution) nor a LOB, array, ref, row id, XML or struct (bound to the connection
   * that created it).
   */
  static boolean portable(Object value) {
    return !(value instanceof InputStream
        || value instanceof Reader
        || value instanceof Blob
        || value instanceof Clob
        || value instanceof Array
        || value instanceof Ref
        || value instanceof RowId
        || value instanceof SQLXML
        || value instanceof Struct);
  }
}
