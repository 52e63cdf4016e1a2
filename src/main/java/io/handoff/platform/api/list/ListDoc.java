package io.handoff.platform.api.list;

/** The OpenAPI texts every list shares, so that the lists are documented alike. */
public final class ListDoc {

  public static final String PAGING =
      "Answers one page in the list envelope {items, page: {size, cursor, next}}; follow"
          + " page.next (or pass page.cursor) for the next page, absent on the last. Paging is by"
          + " keyset: an item added or changed meanwhile neither repeats an item nor skips one that"
          + " was there all along. At most "
          + ListSpec.MAX_SIZE
          + " items per page (default "
          + ListSpec.DEFAULT_SIZE
          + "). Filters combine with AND; enum values are written exactly as in the API (upper"
          + " case). Unknown parameters, unknown values, malformed dates, a size over the maximum"
          + " and unknown sort keys are one 400 naming every bad parameter. Lists are for the API"
          + " groups (integrators and camunda-admin), who see every item.";

  public static final String SORT =
      "<key> or <key>,asc or <key>,desc; ties are broken by the item's id. A cursor holds its"
          + " sort: keep the sort of the page it came from.";

  public static final String SIZE =
      "Items per page, 1 to " + ListSpec.MAX_SIZE + " (default " + ListSpec.DEFAULT_SIZE + ").";

  public static final String CURSOR =
      "page.cursor of the previous page (opaque); absent for the first page.";

  private ListDoc() {}
}
