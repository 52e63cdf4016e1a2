package io.handoff.platform.api.list;

import io.handoff.platform.api.list.ListSpec.Direction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A position in a list: the sort key and direction it was made for, and the sort value and id of
 * the last item handed out. The next page starts strictly after it, so items inserted meanwhile
 * neither repeat nor push others out (keyset paging). Sent to clients as opaque base64url text.
 *
 * @param sortKey the sort key
 * @param direction the direction
 * @param id the last item's id
 * @param value the last item's sort value, as text
 */
public record Cursor(SortKey sortKey, Direction direction, String id, String value) {

  private static final String VERSION = "1";

  /** The cursor after a row whose sort column read as {@code sortValue}. */
  static Cursor after(SortKey key, Direction direction, String id, Object sortValue) {
    String text =
        switch (key.type()) {
          case TIMESTAMP -> ((Timestamp) sortValue).toInstant().toString();
          case DATE -> ((Date) sortValue).toLocalDate().toString();
          case DECIMAL -> ((BigDecimal) sortValue).toPlainString();
          case TEXT -> sortValue.toString();
        };
    return new Cursor(key, direction, id, text);
  }

  /** The sort value as the JDBC parameter it is compared with. */
  Object parameter() {
    return switch (sortKey.type()) {
      case TIMESTAMP -> Timestamp.from(Instant.parse(value));
      case DATE -> Date.valueOf(LocalDate.parse(value));
      case DECIMAL -> new BigDecimal(value);
      case TEXT -> value;
    };
  }

  public String encode() {
    String plain = String.join("|", VERSION, sortKey.name(), direction.name(), id, value);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a text stands for, or empty when it is not one this list gave out. */
  static Optional<Cursor> decode(String text, Map<String, SortKey> sortKeys) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|", 5);
      if (parts.length != 5 || !parts[0].equals(VERSION) || parts[3].isEmpty()) {
        return Optional.empty();
      }
      SortKey key = sortKeys.get(parts[1]);
      if (key == null) {
        return Optional.empty();
      }
      Cursor cursor = new Cursor(key, Direction.valueOf(parts[2]), parts[3], parts[4]);
      cursor.parameter();
      return Optional.of(cursor);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }
}
