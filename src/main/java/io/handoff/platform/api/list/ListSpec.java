package io.handoff.platform.api.list;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one list endpoint accepts: its path (for the {@code next} link), its filter parameters, its
 * sort keys and its default order.
 *
 * @param path the list's path, e.g. {@code /api/invoices}
 * @param filters the names of its filter parameters
 * @param sortKeys the keys it may be sorted by, the first one the default
 * @param defaultDirection the default direction of the default sort key
 * @param idColumn the row's unique id column: the tie-breaker after the sort key
 */
public record ListSpec(
    String path,
    Set<String> filters,
    List<SortKey> sortKeys,
    Direction defaultDirection,
    String idColumn) {

  /** Items per page unless {@code size} says otherwise. */
  public static final int DEFAULT_SIZE = 20;

  /** The largest {@code size} a list answers; more is 400. */
  public static final int MAX_SIZE = 100;

  /** Parameters every list takes besides its filters. */
  public static final Set<String> PAGING_PARAMETERS = Set.of("size", "sort", "cursor");

  /** Sort direction. */
  public enum Direction {
    ASC,
    DESC
  }

  public ListSpec {
    filters = Set.copyOf(filters);
    sortKeys = List.copyOf(sortKeys);
  }

  public SortKey defaultSort() {
    return sortKeys.get(0);
  }

  /** The sort keys by name, in declaration order. */
  public Map<String, SortKey> sortKeysByName() {
    Map<String, SortKey> byName = new LinkedHashMap<>();
    sortKeys.forEach(k -> byName.put(k.name(), k));
    return byName;
  }
}
