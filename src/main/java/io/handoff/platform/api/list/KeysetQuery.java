package io.handoff.platform.api.list;

import io.handoff.platform.api.list.ListSpec.Direction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a list in SQL: the caller's filters as conditions, then the keyset condition after
 * the cursor, ordered by the sort key and the id, at most one row more than the page size (to know
 * whether a next page exists). Bounded by {@link ListSpec#MAX_SIZE}, whatever the filters.
 */
public final class KeysetQuery {

  private static final String SORT_VALUE = "list_sort_value";
  private static final String ROW_ID = "list_row_id";

  private final ListRequest request;
  private final String select;
  private final String from;
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> parameters = new ArrayList<>();

  /**
   * @param request the validated list request
   * @param select the selected columns, e.g. {@code i.vendor_id, i.status}
   * @param from the table (and alias), e.g. {@code invoice i}
   */
  public KeysetQuery(ListRequest request, String select, String from) {
    this.request = request;
    this.select = select;
    this.from = from;
  }

  /** Adds a condition with its {@code ?} parameters. */
  public KeysetQuery where(String condition, Object... values) {
    conditions.add(condition);
    Collections.addAll(parameters, values);
    return this;
  }

  /** {@code column = value} when the value is present. */
  public KeysetQuery equal(String column, Optional<?> value) {
    value.ifPresent(v -> where(column + " = ?", v));
    return this;
  }

  /** {@code column IN (values)} when there are values; enums are compared by name. */
  public KeysetQuery in(String column, Collection<?> values) {
    if (!values.isEmpty()) {
      where(
          column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")",
          values.stream().map(v -> v instanceof Enum<?> e ? e.name() : v).toArray());
    }
    return this;
  }

  /** {@code column >= value} when present. */
  public KeysetQuery atLeast(String column, Optional<?> value) {
    value.ifPresent(v -> where(column + " >= ?", v));
    return this;
  }

  /** {@code column <= value} when present. */
  public KeysetQuery atMost(String column, Optional<?> value) {
    value.ifPresent(v -> where(column + " <= ?", v));
    return this;
  }

  /** {@code column < value} when present. */
  public KeysetQuery before(String column, Optional<?> value) {
    value.ifPresent(v -> where(column + " < ?", v));
    return this;
  }

  /** The SQL of the page and its parameters, for reading or explaining. */
  public Statement statement() {
    SortKey key = request.sort();
    String id = request.spec().idColumn();
    List<String> all = new ArrayList<>(conditions);
    List<Object> values = new ArrayList<>(parameters);
    String comparison = request.direction() == Direction.ASC ? ">" : "<";
    request
        .cursor()
        .ifPresent(
            c -> {
              // The first bound repeats the second one's range in a form an index range scan
              // can use; the OR alone makes PostgreSQL filter from the start of the index.
              all.add(
                  key.column()
                      + " "
                      + comparison
                      + "= ? AND ("
                      + key.column()
                      + " "
                      + comparison
                      + " ? OR ("
                      + key.column()
                      + " = ? AND "
                      + id
                      + " "
                      + comparison
                      + " ?))");
              values.add(c.parameter());
              values.add(c.parameter());
              values.add(c.parameter());
              values.add(c.id());
            });
    String order = request.direction() == Direction.ASC ? "ASC" : "DESC";
    String sql =
        "SELECT "
            + select
            + ", "
            + key.column()
            + " AS "
            + SORT_VALUE
            + ", "
            + id
            + " AS "
            + ROW_ID
            + " FROM "
            + from
            + (all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all))
            + " ORDER BY "
            + key.column()
            + " "
            + order
            + ", "
            + id
            + " "
            + order
            + " FETCH FIRST "
            + (request.size() + 1)
            + " ROWS ONLY";
    return new Statement(sql, values);
  }

  /**
   * The SQL text and its parameters.
   *
   * @param sql the statement
   * @param parameters its positional parameters
   */
  public record Statement(String sql, List<Object> parameters) {}

  /** Reads the page, mapping each row with {@code mapper}. */
  public <T> Page<T> page(JdbcClient jdbc, RowMapper<T> mapper) {
    Statement statement = statement();
    record Row<T>(T item, String id, Object sortValue) {}
    List<Row<T>> rows =
        jdbc.sql(statement.sql())
            .params(statement.parameters())
            .query(
                (rs, n) ->
                    new Row<>(mapper.mapRow(rs, n), rs.getString(ROW_ID), rs.getObject(SORT_VALUE)))
            .list();
    int size = request.size();
    boolean more = rows.size() > size;
    List<Row<T>> shown = more ? rows.subList(0, size) : rows;
    String cursor = null;
    String next = null;
    if (more) {
      Row<T> last = shown.get(shown.size() - 1);
      cursor =
          Cursor.after(request.sort(), request.direction(), last.id(), normalise(last.sortValue()))
              .encode();
      next = next(cursor);
    }
    return new Page<>(
        shown.stream().map(Row::item).toList(), new Page.PageInfo(size, cursor, next));
  }

  /** JDBC drivers differ in the class they read a column as; the cursor wants the java.sql one. */
  private Object normalise(Object value) {
    return switch (request.sort().type()) {
      case TIMESTAMP ->
          value instanceof java.time.OffsetDateTime o
              ? java.sql.Timestamp.from(o.toInstant())
              : value instanceof java.time.LocalDateTime l ? java.sql.Timestamp.valueOf(l) : value;
      case DATE -> value instanceof java.time.LocalDate d ? java.sql.Date.valueOf(d) : value;
      case DECIMAL, TEXT -> value;
    };
  }

  private String next(String cursor) {
    UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.spec().path());
    request
        .parameters()
        .forEach(
            (name, values) -> {
              if (!ListSpec.PAGING_PARAMETERS.contains(name)) {
                values.forEach(v -> link.queryParam(name, v));
              }
            });
    link.queryParam("size", request.size());
    link.queryParam(
        "sort",
        request.sort().name()
            + ","
            + request.direction().name().toLowerCase(java.util.Locale.ROOT));
    link.queryParam("cursor", cursor);
    return link.encode().build().toUriString();
  }
}
