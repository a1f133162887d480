package dev.zdm.jdbc.datasource;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

// Written mechanically from the java.sql interface, one delegating method per interface
// method, so that no method is forgotten; the hand-written subclass holds the logic.
/**
 * Records every parameter set on a prepared statement, so that it can be set again on another
 * physical statement when the connection re-binds.
 */
@SuppressWarnings("deprecation")
abstract class PreparedParameters extends RoutedStatement implements PreparedStatement {

  PreparedParameters(RoutedConnection connection, StatementRecipe recipe) {
    super(connection, recipe);
  }

  abstract void parameter(int index, SqlConsumer<PreparedStatement> setter) throws SQLException;

  abstract void unportableParameter(int index, SqlConsumer<PreparedStatement> setter)
      throws SQLException;

  /** A {@code setObject} value: portable unless it is a stream, LOB or connection-bound object. */
  void objectParameter(int index, Object value, SqlConsumer<PreparedStatement> setter)
      throws SQLException {
    if (ParameterValues.portable(value)) {
      parameter(index, setter);
    } else {
      unportableParameter(index, setter);
    }
  }

  @Override
  public void setArray(int a0, Array a1) throws SQLException {
    unportableParameter(a0, s -> s.setArray(a0, a1));
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
    unportableParameter(a0, s -> s.setAsciiStream(a0, a1, a2));
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
    unportableParameter(a0, s -> s.setAsciiStream(a0, a1, a2));
  }

  @Override
  public void setAsciiStream(int a0, InputStream a1) throws SQLException {
    unportableParameter(a0, s -> s.setAsciiStream(a0, a1));
  }

  @Override
  public void setBigDecimal(int a0, BigDecimal a1) throws SQLException {
    parameter(a0, s -> s.setBigDecimal(a0, a1));
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
    unportableParameter(a0, s -> s.setBinaryStream(a0, a1, a2));
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
    unportableParameter(a0, s -> s.setBinaryStream(a0, a1, a2));
  }

  @Override
  public void setBinaryStream(int a0, InputStream a1) throws SQLException {
    unportableParameter(a0, s -> s.setBinaryStream(a0, a1));
  }

  @Override
  public void setBlob(int a0, InputStream a1, long a2) throws SQLException {
    unportableParameter(a0, s -> s.setBlob(a0, a1, a2));
  }

  @Override
  public void setBlob(int a0, InputStream a1) throws SQLException {
    unportableParameter(a0, s -> s.setBlob(a0, a1));
  }

  @Override
  public void setBlob(int a0, Blob a1) throws SQLException {
    unportableParameter(a0, s -> s.setBlob(a0, a1));
  }

  @Override
  public void setBoolean(int a0, boolean a1) throws SQLException {
    parameter(a0, s -> s.setBoolean(a0, a1));
  }

  @Override
  public void setByte(int a0, byte a1) throws SQLException {
    parameter(a0, s -> s.setByte(a0, a1));
  }

  @Override
  public void setBytes(int a0, byte[] a1) throws SQLException {
    parameter(a0, s -> s.setBytes(a0, a1));
  }

  @Override
  public void setCharacterStream(int a0, Reader a1, int a2) throws SQLException {
    unportableParameter(a0, s -> s.setCharacterStream(a0, a1, a2));
  }

  @Override
  public void setCharacterStream(int a0, Reader a1, long a2) throws SQLException {
    unportableParameter(a0, s -> s.setCharacterStream(a0, a1, a2));
  }

  @Override
  public void setCharacterStream(int a0, Reader a1) throws SQLException {
    unportableParameter(a0, s -> s.setCharacterStream(a0, a1));
  }

  @Override
  public void setClob(int a0, Reader a1, long a2) throws SQLException {
    unportableParameter(a0, s -> s.setClob(a0, a1, a2));
  }

  @Override
  public void setClob(int a0, Reader a1) throws SQLException {
    unportableParameter(a0, s -> s.setClob(a0, a1));
  }

  @Override
  public void setClob(int a0, Clob a1) throws SQLException {
    unportableParameter(a0, s -> s.setClob(a0, a1));
  }

  @Override
  public void setDate(int a0, Date a1, Calendar a2) throws SQLException {
    parameter(a0, s -> s.setDate(a0, a1, a2));
  }

  @Override
  public void setDate(int a0, Date a1) throws SQLException {
    parameter(a0, s -> s.setDate(a0, a1));
  }

  @Override
  public void setDouble(int a0, double a1) throws SQLException {
    parameter(a0, s -> s.setDouble(a0, a1));
  }

  @Override
  public void setFloat(int a0, float a1) throws SQLException {
    parameter(a0, s -> s.setFloat(a0, a1));
  }

  @Override
  public void setInt(int a0, int a1) throws SQLException {
    parameter(a0, s -> s.setInt(a0, a1));
  }

  @Override
  public void setLong(int a0, long a1) throws SQLException {
    parameter(a0, s -> s.setLong(a0, a1));
  }

  @Override
  public void setNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
    unportableParameter(a0, s -> s.setNCharacterStream(a0, a1, a2));
  }

  @Override
  public void setNCharacterStream(int a0, Reader a1) throws SQLException {
    unportableParameter(a0, s -> s.setNCharacterStream(a0, a1));
  }

  @Override
  public void setNClob(int a0, Reader a1, long a2) throws SQLException {
    unportableParameter(a0, s -> s.setNClob(a0, a1, a2));
  }

  @Override
  public void setNClob(int a0, Reader a1) throws SQLException {
    unportableParameter(a0, s -> s.setNClob(a0, a1));
  }

  @Override
  public void setNClob(int a0, NClob a1) throws SQLException {
    unportableParameter(a0, s -> s.setNClob(a0, a1));
  }

  @Override
  public void setNString(int a0, String a1) throws SQLException {
    parameter(a0, s -> s.setNString(a0, a1));
  }

  @Override
  public void setNull(int a0, int a1, String a2) throws SQLException {
    parameter(a0, s -> s.setNull(a0, a1, a2));
  }

  @Override
  public void setNull(int a0, int a1) throws SQLException {
    parameter(a0, s -> s.setNull(a0, a1));
  }

  @Override
  public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
    objectParameter(a0, a1, s -> s.setObject(a0, a1, a2, a3));
  }

  @Override
  public void setObject(int a0, Object a1, int a2) throws SQLException {
    objectParameter(a0, a1, s -> s.setObject(a0, a1, a2));
  }

  @Override
  public void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
    objectParameter(a0, a1, s -> s.setObject(a0, a1, a2, a3));
  }

  @Override
  public void setObject(int a0, Object a1, SQLType a2) throws SQLException {
    objectParameter(a0, a1, s -> s.setObject(a0, a1, a2));
  }

  @Override
  public void setObject(int a0, Object a1) throws SQLException {
    objectParameter(a0, a1, s -> s.setObject(a0, a1));
  }

  @Override
  public void setRef(int a0, Ref a1) throws SQLException {
    unportableParameter(a0, s -> s.setRef(a0, a1));
  }

  @Override
  public void setRowId(int a0, RowId a1) throws SQLException {
    unportableParameter(a0, s -> s.setRowId(a0, a1));
  }

  @Override
  public void setSQLXML(int a0, SQLXML a1) throws SQLException {
    unportableParameter(a0, s -> s.setSQLXML(a0, a1));
  }

  @Override
  public void setShort(int a0, short a1) throws SQLException {
    parameter(a0, s -> s.setShort(a0, a1));
  }

  @Override
  public void setString(int a0, String a1) throws SQLException {
    parameter(a0, s -> s.setString(a0, a1));
  }

  @Override
  public void setTime(int a0, Time a1, Calendar a2) throws SQLException {
    parameter(a0, s -> s.setTime(a0, a1, a2));
  }

  @Override
  public void setTime(int a0, Time a1) throws SQLException {
    parameter(a0, s -> s.setTime(a0, a1));
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1, Calendar a2) throws SQLException {
    parameter(a0, s -> s.setTimestamp(a0, a1, a2));
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1) throws SQLException {
    parameter(a0, s -> s.setTimestamp(a0, a1));
  }

  @Override
  public void setURL(int a0, URL a1) throws SQLException {
    parameter(a0, s -> s.setURL(a0, a1));
  }

  @Deprecated
  @Override
  public void setUnicodeStream(int a0, InputStream a1, int a2) throws SQLException {
    unportableParameter(a0, s -> s.setUnicodeStream(a0, a1, a2));
  }
}
