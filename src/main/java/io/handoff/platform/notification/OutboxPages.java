package io.handoff.platform.notification;

import io.handoff.platform.api.list.Page;
import io.handoff.platform.errors.FieldProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Pages of outbox rows, newest first, in the list envelope: the size parameter, the cursor (the id
 * of the last row of the previous page) and the link to the next page, the same for notifications
 * and event deliveries.
 */
final class OutboxPages {

  private OutboxPages() {}

  /** The page size asked for, {@code defaultSize} when none; a bad one is added to problems. */
  static int size(String size, int defaultSize, int max, List<FieldProblem> problems) {
    if (size == null) {
      return defaultSize;
    }
    try {
      int n = Integer.parseInt(size.trim());
      if (n < 1 || n > max) {
        problems.add(new FieldProblem("size", "must be between 1 and " + max));
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(new FieldProblem("size", "must be a whole number from 1 to " + max));
      return defaultSize;
    }
  }

  /** The row id the page starts before, null for the first page; a bad cursor is a problem. */
  static Long before(String cursor, List<FieldProblem> problems) {
    if (cursor == null) {
      return null;
    }
    try {
      long before = Long.parseLong(cursor.trim());
      if (before >= 1) {
        return before;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(new FieldProblem("cursor", "must be the page.cursor of a previous page"));
    return null;
  }

  /**
   * The page of {@code size} rows out of {@code rows} (read with one more than the size, to know
   * whether another page follows).
   */
  static <V> Page<V> page(
      List<OutboxEntry> rows, int size, Function<OutboxEntry, V> view, HttpServletRequest request) {
    String cursor = null;
    String next = null;
    if (rows.size() > size) {
      rows = rows.subList(0, size);
      cursor = Long.toString(rows.get(size - 1).id());
      next = nextLink(request, size, cursor);
    }
    return new Page<>(rows.stream().map(view).toList(), new Page.PageInfo(size, cursor, next));
  }

  /** The same filters and size, from the cursor on. */
  static String nextLink(HttpServletRequest request, int size, String cursor) {
    UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getRequestURI());
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (!name.equals("size") && !name.equals("cursor")) {
                for (String v : values) {
                  link.queryParam(name, v);
                }
              }
            });
    return link.queryParam("size", size)
        .queryParam("cursor", cursor)
        .encode()
        .build()
        .toUriString();
  }
}
