package dev.zdm.jdbc.rows;

import dev.zdm.test.Engine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random rows for {@link TypeRichTable}: any bit pattern of a float or double, any Unicode text
 * without NUL, random JSON documents, instants at random offsets; every column sometimes NULL.
 * Values stay inside what the engines can store (MariaDB: no NaN or infinity, TIMESTAMP 1970 to
 * 2038, dates from year 1000).
 */
final class TypeRichArbitraries {

  private static final double NULLS = 0.15;

  private TypeRichArbitraries() {}

  static Arbitrary<List<Map<String, Object>>> rows(Engine source, Engine target) {
    return row(source, target).list().ofMinSize(1).ofMaxSize(12);
  }

  private static Arbitrary<Map<String, Object>> row(Engine source, Engine target) {
    boolean narrow = TypeRichTable.narrow(source, target);
    Arbitrary<Float> reals = Arbitraries.integers().map(Float::intBitsToFloat);
    Arbitrary<Double> doubles = Arbitraries.longs().map(Double::longBitsToDouble);
    if (narrow) {
      reals = reals.filter(f -> Float.isFinite(f) && Float.floatToIntBits(f) != Integer.MIN_VALUE);
      doubles =
          doubles.filter(d -> Double.isFinite(d) && Double.doubleToLongBits(d) != Long.MIN_VALUE);
    }
    List<Arbitrary<?>> columns =
        List.of(
            Arbitraries.shorts().map(Short::longValue),
            Arbitraries.integers().map(Integer::longValue),
            Arbitraries.longs(),
            decimals(9, 3),
            decimals(32, 6),
            reals,
            doubles,
            text(300),
            text(100),
            text(10),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
            Arbitraries.of(true, false),
            dates(narrow),
            Arbitraries.longs()
                .between(0, 86_399_999_999L)
                .map(us -> LocalTime.ofNanoOfDay(us * 1000)),
            timestamps(narrow),
            instants(narrow),
            uuids(source),
            json(),
            json());
    return Combinators.combine(
            columns.stream()
                .map(a -> a.injectNull(NULLS))
                .map(a -> (Arbitrary<Object>) a.map(Object.class::cast))
                .toList())
        .as(
            values -> {
              Map<String, Object> row = new HashMap<>();
              for (int i = 0; i < values.size(); i++) {
                row.put(TypeRichTable.COLUMNS.get(i + 1), values.get(i));
              }
              return row;
            });
  }

  /**
   * MariaDB's UUID type refuses values that look like its own byte-swapped storage form: a version
   * nibble of 8-f with a 9th byte of 0x01-0x80 (its rec_need_swap). PostgreSQL takes all.
   */
  private static Arbitrary<UUID> uuids(Engine source) {
    Arbitrary<UUID> any = Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()));
    return source != Engine.MARIADB ? any : any.filter(TypeRichArbitraries::mariaDbTakes);
  }

  static boolean mariaDbTakes(UUID uuid) {
    int versionByte = (int) (uuid.getMostSignificantBits() >>> 8) & 0xff;
    byte variantByte = (byte) (uuid.getLeastSignificantBits() >>> 56);
    return (versionByte & 0x80) == 0 || (-variantByte & 0x80) == 0;
  }

  private static Arbitrary<BigDecimal> decimals(int integerDigits, int scale) {
    BigDecimal max =
        BigDecimal.TEN.pow(integerDigits).subtract(BigDecimal.ONE.movePointLeft(scale));
    return Arbitraries.bigDecimals().between(max.negate(), max).ofScale(scale);
  }

  /** Up to {@code codePoints} code points, never NUL or a lone surrogate. */
  private static Arbitrary<String> text(int codePoints) {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 0x10ffff)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(0x301, 0x200d, 0x1f469, 0xfeff, 0x20, 0x0a)));
    return codePoint
        .filter(cp -> cp < 0xd800 || cp > 0xdfff)
        .list()
        .ofMaxSize(codePoints)
        .map(
            cps ->
                cps.stream()
                    .mapToInt(Integer::intValue)
                    .collect(
                        StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString());
  }

  private static Arbitrary<LocalDate> dates(boolean narrow) {
    long from = LocalDate.of(narrow ? 1000 : 1, 1, 1).toEpochDay();
    long to = LocalDate.of(9999, 12, 31).toEpochDay();
    return Arbitraries.longs().between(from, to).map(LocalDate::ofEpochDay);
  }

  private static Arbitrary<LocalDateTime> timestamps(boolean narrow) {
    return Combinators.combine(dates(narrow), Arbitraries.longs().between(0, 86_399_999_999L))
        .as((day, us) -> day.atTime(LocalTime.ofNanoOfDay(us * 1000)));
  }

  private static Arbitrary<OffsetDateTime> instants(boolean narrow) {
    long from = narrow ? 1L : Instant.parse("1583-01-01T00:00:00Z").getEpochSecond();
    long to = narrow ? Integer.MAX_VALUE : Instant.parse("9999-12-30T00:00:00Z").getEpochSecond();
    return Combinators.combine(
            Arbitraries.longs().between(from, to - 1),
            Arbitraries.integers().between(0, 999_999),
            Arbitraries.integers().between(-14 * 60, 14 * 60))
        .as(
            (seconds, micros, minutes) ->
                Instant.ofEpochSecond(seconds, micros * 1000L)
                    .atOffset(ZoneOffset.ofTotalSeconds(minutes * 60)));
  }

  /** A JSON document whose text both PostgreSQL and MariaDB accept. */
  static Arbitrary<String> json() {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
                .ofScale(4)
                .map(BigDecimal::toPlainString),
            text(20).map(TypeRichArbitraries::jsonString),
            Arbitraries.of("true", "false", "null"));
    return Arbitraries.recursive(
        () -> leaf,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]"),
                Combinators.combine(text(8).map(TypeRichArbitraries::jsonString), inner)
                    .as((key, value) -> key + ": " + value)
                    .list()
                    .ofMaxSize(4)
                    .map(
                        members -> "{" + members.stream().collect(Collectors.joining(", ")) + "}")),
        0,
        3);
  }

  private static String jsonString(String text) {
    StringBuilder json = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == '"' || cp == '\\') {
                json.append('\\').appendCodePoint(cp);
              } else if (cp < 0x20) {
                json.append(String.format("\\u%04x", cp));
              } else {
                json.appendCodePoint(cp);
              }
            });
    return json.append('"').toString();
  }
}
