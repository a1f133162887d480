package dev.zdm.jdbc.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.change.RowKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueConversionTest {

  private static Object key(ColumnKind kind, String json) {
    return ValueConversion.fromKey(kind, RowKey.parseJson("[" + json + "]").values().get(0));
  }

  @Test
  void keysRenderedByPostgresTriggersConvert() {
    assertThat(key(ColumnKind.TIMESTAMP, "\"2024-01-01T10:00:00\""))
        .isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 0));
    assertThat(key(ColumnKind.TIMESTAMP_TZ, "\"2024-01-01T10:00:00.5-04:00\""))
        .isEqualTo(OffsetDateTime.parse("2024-01-01T10:00:00.5-04:00"));
    assertThat(key(ColumnKind.DATE, "\"2024-02-29\"")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(key(ColumnKind.TIME, "\"23:59:59.999999\""))
        .isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
    assertThat(key(ColumnKind.BOOLEAN, "true")).isEqualTo(true);
    assertThat(key(ColumnKind.DECIMAL, "12.340")).isEqualTo(new BigDecimal("12.340"));
    assertThat(key(ColumnKind.INTEGER, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(key(ColumnKind.UUID, "\"0F8FAD5B-D9CB-469F-A165-70867728950E\""))
        .isEqualTo(UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
  }

  @Test
  void keysRenderedByMariaDbTriggersConvert() {
    assertThat(key(ColumnKind.TIMESTAMP, "\"2024-01-01 10:00:00.000000\""))
        .isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 0));
    assertThat(key(ColumnKind.TIMESTAMP_TZ, "\"2024-01-01 10:00:00.000000\""))
        .as("MariaDB TIMESTAMP keys carry no offset and are read as UTC")
        .isEqualTo(OffsetDateTime.parse("2024-01-01T10:00:00Z"));
    assertThat(key(ColumnKind.BOOLEAN, "1")).isEqualTo(true);
    assertThat(key(ColumnKind.BOOLEAN, "0")).isEqualTo(false);
    assertThat(key(ColumnKind.DECIMAL, "18446744073709551615"))
        .isEqualTo(new BigDecimal("18446744073709551615"));
  }

  @Test
  void aKeyThatDoesNotFitIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> key(ColumnKind.DATE, "\"secret-date\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("DATE")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> key(ColumnKind.UUID, "\"secret-1-2-3-4\""))
        .hasMessageContaining("not a UUID")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> key(ColumnKind.UUID, "\"1-2-3-4-5\""))
        .as("UUID.fromString accepts this; zdm does not")
        .hasMessageContaining("not a UUID");
    assertThatThrownBy(() -> key(ColumnKind.INTEGER, "1.5")).hasMessageContaining("INTEGER");
    assertThatThrownBy(() -> key(ColumnKind.BOOLEAN, "2")).hasMessageContaining("BOOLEAN");
    assertThatThrownBy(() -> key(ColumnKind.BINARY, "\"AAEC\""))
        .hasMessageContaining("cannot be of kind BINARY");
  }

  @Test
  void computedValuesOfCommonJavaTypesConvert() {
    assertThat(ValueConversion.forWrite(ColumnKind.INTEGER, 7)).isEqualTo(7L);
    assertThat(ValueConversion.forWrite(ColumnKind.DECIMAL, 7L)).isEqualTo(BigDecimal.valueOf(7));
    assertThat(ValueConversion.forWrite(ColumnKind.DOUBLE, 1.5f)).isEqualTo(1.5);
    assertThat(ValueConversion.forWrite(ColumnKind.TEXT, new UUID(0, 1)))
        .isEqualTo("00000000-0000-0000-0000-000000000001");
    Instant instant = Instant.parse("2024-03-31T01:00:00Z");
    assertThat(ValueConversion.forWrite(ColumnKind.TIMESTAMP_TZ, instant))
        .isEqualTo(OffsetDateTime.parse("2024-03-31T01:00:00Z"));
    assertThat(
            ValueConversion.forWrite(
                ColumnKind.TIMESTAMP_TZ,
                ZonedDateTime.parse("2024-03-31T03:00+02:00[Europe/Berlin]")))
        .isEqualTo(OffsetDateTime.parse("2024-03-31T03:00+02:00"));
    assertThat(ValueConversion.forWrite(ColumnKind.JSON, null)).isNull();
  }

  @Test
  void aValueOfTheWrongJavaTypeIsRefusedNamingWhatTheColumnTakes() {
    assertThatThrownBy(() -> ValueConversion.forWrite(ColumnKind.DECIMAL, 1.5))
        .hasMessage("a java.lang.Double; the column takes BigDecimal (or Long)");
    assertThatThrownBy(() -> ValueConversion.forWrite(ColumnKind.INTEGER, new BigDecimal("1e30")))
        .hasMessageContaining("beyond the range of a long");
    assertThatThrownBy(() -> ValueConversion.forWrite(ColumnKind.REAL, 1.5))
        .hasMessageContaining("takes Float");
  }
}
