package io.handoff.platform.api.list;

/**
 * A key a list may be sorted by: its name in the {@code sort} parameter, the column it orders and
 * the column's type. Sort columns are NOT NULL, so that keyset paging needs no null ordering.
 *
 * @param name the name a client writes, e.g. {@code receivedAt}
 * @param column the SQL column, e.g. {@code received_at}
 * @param type how the column's values are read, compared and written into a cursor
 */
public record SortKey(String name, String column, Type type) {

  /** Column types a sort key may have. */
  public enum Type {
    TIMESTAMP,
    DATE,
    DECIMAL,
    TEXT
  }
}
