package dev.zdm.jdbc.datasource;

import dev.zdm.jdbc.shadow.StatementBinder;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

// Written mechanically from the java.sql interface, one delegating method per interface
// method, so that no method is forgotten; the hand-written subclass holds the logic.
/**
 * A callable statement on a routed connection: named parameters and out-parameter registrations are
 * recorded like positional ones; out values are read from the driver's statement.
 */
@SuppressWarnings("deprecation")
final class RoutedCallableStatement extends RoutedPreparedStatement implements CallableStatement {

  RoutedCallableStatement(RoutedConnection connection, StatementRecipe recipe) {
    super(connection, recipe);
  }

  /** A call may have side effects: never shadowed. */
  @Override
  StatementBinder shadowBinder() {
    return null;
  }

  @Override
  public Array getArray(String a0) throws SQLException {
    try {
      return callable().getArray(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Array getArray(int a0) throws SQLException {
    try {
      return callable().getArray(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(String a0) throws SQLException {
    try {
      return callable().getBigDecimal(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Deprecated
  @Override
  public BigDecimal getBigDecimal(int a0, int a1) throws SQLException {
    try {
      return callable().getBigDecimal(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(int a0) throws SQLException {
    try {
      return callable().getBigDecimal(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Blob getBlob(String a0) throws SQLException {
    try {
      return callable().getBlob(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Blob getBlob(int a0) throws SQLException {
    try {
      return callable().getBlob(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean getBoolean(String a0) throws SQLException {
    try {
      return callable().getBoolean(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean getBoolean(int a0) throws SQLException {
    try {
      return callable().getBoolean(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public byte getByte(String a0) throws SQLException {
    try {
      return callable().getByte(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public byte getByte(int a0) throws SQLException {
    try {
      return callable().getByte(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public byte[] getBytes(String a0) throws SQLException {
    try {
      return callable().getBytes(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public byte[] getBytes(int a0) throws SQLException {
    try {
      return callable().getBytes(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Reader getCharacterStream(String a0) throws SQLException {
    try {
      return callable().getCharacterStream(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Reader getCharacterStream(int a0) throws SQLException {
    try {
      return callable().getCharacterStream(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Clob getClob(String a0) throws SQLException {
    try {
      return callable().getClob(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Clob getClob(int a0) throws SQLException {
    try {
      return callable().getClob(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Date getDate(String a0, Calendar a1) throws SQLException {
    try {
      return callable().getDate(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Date getDate(String a0) throws SQLException {
    try {
      return callable().getDate(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Date getDate(int a0, Calendar a1) throws SQLException {
    try {
      return callable().getDate(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Date getDate(int a0) throws SQLException {
    try {
      return callable().getDate(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public double getDouble(String a0) throws SQLException {
    try {
      return callable().getDouble(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public double getDouble(int a0) throws SQLException {
    try {
      return callable().getDouble(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public float getFloat(String a0) throws SQLException {
    try {
      return callable().getFloat(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public float getFloat(int a0) throws SQLException {
    try {
      return callable().getFloat(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public int getInt(String a0) throws SQLException {
    try {
      return callable().getInt(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public int getInt(int a0) throws SQLException {
    try {
      return callable().getInt(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public long getLong(String a0) throws SQLException {
    try {
      return callable().getLong(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public long getLong(int a0) throws SQLException {
    try {
      return callable().getLong(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Reader getNCharacterStream(String a0) throws SQLException {
    try {
      return callable().getNCharacterStream(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Reader getNCharacterStream(int a0) throws SQLException {
    try {
      return callable().getNCharacterStream(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public NClob getNClob(String a0) throws SQLException {
    try {
      return callable().getNClob(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public NClob getNClob(int a0) throws SQLException {
    try {
      return callable().getNClob(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String getNString(String a0) throws SQLException {
    try {
      return callable().getNString(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String getNString(int a0) throws SQLException {
    try {
      return callable().getNString(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public <T> T getObject(String a0, Class<T> a1) throws SQLException {
    try {
      return callable().getObject(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Object getObject(String a0, Map<String, Class<?>> a1) throws SQLException {
    try {
      return callable().getObject(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Object getObject(String a0) throws SQLException {
    try {
      return callable().getObject(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public <T> T getObject(int a0, Class<T> a1) throws SQLException {
    try {
      return callable().getObject(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Object getObject(int a0, Map<String, Class<?>> a1) throws SQLException {
    try {
      return callable().getObject(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Object getObject(int a0) throws SQLException {
    try {
      return callable().getObject(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Ref getRef(String a0) throws SQLException {
    try {
      return callable().getRef(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Ref getRef(int a0) throws SQLException {
    try {
      return callable().getRef(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public RowId getRowId(String a0) throws SQLException {
    try {
      return callable().getRowId(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public RowId getRowId(int a0) throws SQLException {
    try {
      return callable().getRowId(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public SQLXML getSQLXML(String a0) throws SQLException {
    try {
      return callable().getSQLXML(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public SQLXML getSQLXML(int a0) throws SQLException {
    try {
      return callable().getSQLXML(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public short getShort(String a0) throws SQLException {
    try {
      return callable().getShort(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public short getShort(int a0) throws SQLException {
    try {
      return callable().getShort(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String getString(String a0) throws SQLException {
    try {
      return callable().getString(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public String getString(int a0) throws SQLException {
    try {
      return callable().getString(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Time getTime(String a0, Calendar a1) throws SQLException {
    try {
      return callable().getTime(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Time getTime(String a0) throws SQLException {
    try {
      return callable().getTime(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Time getTime(int a0, Calendar a1) throws SQLException {
    try {
      return callable().getTime(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Time getTime(int a0) throws SQLException {
    try {
      return callable().getTime(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Timestamp getTimestamp(String a0, Calendar a1) throws SQLException {
    try {
      return callable().getTimestamp(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Timestamp getTimestamp(String a0) throws SQLException {
    try {
      return callable().getTimestamp(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Timestamp getTimestamp(int a0, Calendar a1) throws SQLException {
    try {
      return callable().getTimestamp(a0, a1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public Timestamp getTimestamp(int a0) throws SQLException {
    try {
      return callable().getTimestamp(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public URL getURL(String a0) throws SQLException {
    try {
      return callable().getURL(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public URL getURL(int a0) throws SQLException {
    try {
      return callable().getURL(a0);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void registerOutParameter(String a0, int a1, String a2) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1, a2));
  }

  @Override
  public void registerOutParameter(String a0, int a1, int a2) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1, a2));
  }

  @Override
  public void registerOutParameter(String a0, int a1) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1));
  }

  @Override
  public void registerOutParameter(String a0, SQLType a1, String a2) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1, a2));
  }

  @Override
  public void registerOutParameter(String a0, SQLType a1, int a2) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1, a2));
  }

  @Override
  public void registerOutParameter(String a0, SQLType a1) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1));
  }

  @Override
  public void registerOutParameter(int a0, int a1, String a2) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1, a2));
  }

  @Override
  public void registerOutParameter(int a0, int a1, int a2) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1, a2));
  }

  @Override
  public void registerOutParameter(int a0, int a1) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1));
  }

  @Override
  public void registerOutParameter(int a0, SQLType a1, String a2) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1, a2));
  }

  @Override
  public void registerOutParameter(int a0, SQLType a1, int a2) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1, a2));
  }

  @Override
  public void registerOutParameter(int a0, SQLType a1) throws SQLException {
    outParameter(a0, s -> s.registerOutParameter(a0, a1));
  }

  @Override
  public void setAsciiStream(String a0, InputStream a1, int a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setAsciiStream(a0, a1, a2));
  }

  @Override
  public void setAsciiStream(String a0, InputStream a1, long a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setAsciiStream(a0, a1, a2));
  }

  @Override
  public void setAsciiStream(String a0, InputStream a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setAsciiStream(a0, a1));
  }

  @Override
  public void setBigDecimal(String a0, BigDecimal a1) throws SQLException {
    namedParameter(a0, s -> s.setBigDecimal(a0, a1));
  }

  @Override
  public void setBinaryStream(String a0, InputStream a1, int a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setBinaryStream(a0, a1, a2));
  }

  @Override
  public void setBinaryStream(String a0, InputStream a1, long a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setBinaryStream(a0, a1, a2));
  }

  @Override
  public void setBinaryStream(String a0, InputStream a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setBinaryStream(a0, a1));
  }

  @Override
  public void setBlob(String a0, InputStream a1, long a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setBlob(a0, a1, a2));
  }

  @Override
  public void setBlob(String a0, InputStream a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setBlob(a0, a1));
  }

  @Override
  public void setBlob(String a0, Blob a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setBlob(a0, a1));
  }

  @Override
  public void setBoolean(String a0, boolean a1) throws SQLException {
    namedParameter(a0, s -> s.setBoolean(a0, a1));
  }

  @Override
  public void setByte(String a0, byte a1) throws SQLException {
    namedParameter(a0, s -> s.setByte(a0, a1));
  }

  @Override
  public void setBytes(String a0, byte[] a1) throws SQLException {
    namedParameter(a0, s -> s.setBytes(a0, a1));
  }

  @Override
  public void setCharacterStream(String a0, Reader a1, int a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setCharacterStream(a0, a1, a2));
  }

  @Override
  public void setCharacterStream(String a0, Reader a1, long a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setCharacterStream(a0, a1, a2));
  }

  @Override
  public void setCharacterStream(String a0, Reader a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setCharacterStream(a0, a1));
  }

  @Override
  public void setClob(String a0, Reader a1, long a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setClob(a0, a1, a2));
  }

  @Override
  public void setClob(String a0, Reader a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setClob(a0, a1));
  }

  @Override
  public void setClob(String a0, Clob a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setClob(a0, a1));
  }

  @Override
  public void setDate(String a0, Date a1, Calendar a2) throws SQLException {
    namedParameter(a0, s -> s.setDate(a0, a1, a2));
  }

  @Override
  public void setDate(String a0, Date a1) throws SQLException {
    namedParameter(a0, s -> s.setDate(a0, a1));
  }

  @Override
  public void setDouble(String a0, double a1) throws SQLException {
    namedParameter(a0, s -> s.setDouble(a0, a1));
  }

  @Override
  public void setFloat(String a0, float a1) throws SQLException {
    namedParameter(a0, s -> s.setFloat(a0, a1));
  }

  @Override
  public void setInt(String a0, int a1) throws SQLException {
    namedParameter(a0, s -> s.setInt(a0, a1));
  }

  @Override
  public void setLong(String a0, long a1) throws SQLException {
    namedParameter(a0, s -> s.setLong(a0, a1));
  }

  @Override
  public void setNCharacterStream(String a0, Reader a1, long a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setNCharacterStream(a0, a1, a2));
  }

  @Override
  public void setNCharacterStream(String a0, Reader a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setNCharacterStream(a0, a1));
  }

  @Override
  public void setNClob(String a0, Reader a1, long a2) throws SQLException {
    unportableNamedParameter(a0, s -> s.setNClob(a0, a1, a2));
  }

  @Override
  public void setNClob(String a0, Reader a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setNClob(a0, a1));
  }

  @Override
  public void setNClob(String a0, NClob a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setNClob(a0, a1));
  }

  @Override
  public void setNString(String a0, String a1) throws SQLException {
    namedParameter(a0, s -> s.setNString(a0, a1));
  }

  @Override
  public void setNull(String a0, int a1, String a2) throws SQLException {
    namedParameter(a0, s -> s.setNull(a0, a1, a2));
  }

  @Override
  public void setNull(String a0, int a1) throws SQLException {
    namedParameter(a0, s -> s.setNull(a0, a1));
  }

  @Override
  public void setObject(String a0, Object a1, int a2, int a3) throws SQLException {
    namedObjectParameter(a0, a1, s -> s.setObject(a0, a1, a2, a3));
  }

  @Override
  public void setObject(String a0, Object a1, int a2) throws SQLException {
    namedObjectParameter(a0, a1, s -> s.setObject(a0, a1, a2));
  }

  @Override
  public void setObject(String a0, Object a1, SQLType a2, int a3) throws SQLException {
    namedObjectParameter(a0, a1, s -> s.setObject(a0, a1, a2, a3));
  }

  @Override
  public void setObject(String a0, Object a1, SQLType a2) throws SQLException {
    namedObjectParameter(a0, a1, s -> s.setObject(a0, a1, a2));
  }

  @Override
  public void setObject(String a0, Object a1) throws SQLException {
    namedObjectParameter(a0, a1, s -> s.setObject(a0, a1));
  }

  @Override
  public void setRowId(String a0, RowId a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setRowId(a0, a1));
  }

  @Override
  public void setSQLXML(String a0, SQLXML a1) throws SQLException {
    unportableNamedParameter(a0, s -> s.setSQLXML(a0, a1));
  }

  @Override
  public void setShort(String a0, short a1) throws SQLException {
    namedParameter(a0, s -> s.setShort(a0, a1));
  }

  @Override
  public void setString(String a0, String a1) throws SQLException {
    namedParameter(a0, s -> s.setString(a0, a1));
  }

  @Override
  public void setTime(String a0, Time a1, Calendar a2) throws SQLException {
    namedParameter(a0, s -> s.setTime(a0, a1, a2));
  }

  @Override
  public void setTime(String a0, Time a1) throws SQLException {
    namedParameter(a0, s -> s.setTime(a0, a1));
  }

  @Override
  public void setTimestamp(String a0, Timestamp a1, Calendar a2) throws SQLException {
    namedParameter(a0, s -> s.setTimestamp(a0, a1, a2));
  }

  @Override
  public void setTimestamp(String a0, Timestamp a1) throws SQLException {
    namedParameter(a0, s -> s.setTimestamp(a0, a1));
  }

  @Override
  public void setURL(String a0, URL a1) throws SQLException {
    namedParameter(a0, s -> s.setURL(a0, a1));
  }

  @Override
  public boolean wasNull() throws SQLException {
    try {
      return callable().wasNull();
    } catch (SQLException e) {
      throw failed(e);
    }
  }
}
