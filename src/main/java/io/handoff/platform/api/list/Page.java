package io.handoff.platform.api.list;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The envelope of every list under {@code /api}: the items of one page and how to get the next.
 *
 * @param items the items of this page, in the requested order
 * @param page the page's size and the way to the next page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, PageInfo page) {

  /**
   * @param size the page size asked for (or the default); {@code items} holds at most this many
   * @param cursor opaque position after the last item, to pass as {@code cursor}; absent on the
   *     last page
   * @param next the link to the next page (same filters and sort, with the cursor); absent on the
   *     last page
   */
  public record PageInfo(
      @Schema(example = "20") int size,
      @Schema(example = "cmVjZWl2ZWRBdHxkZXNjfC4uLg", nullable = true) String cursor,
      @Schema(
              example = "/api/invoices?status=EXCEPTION&size=20&cursor=cmVjZWl2ZWRBdHxkZXNjfC4uLg",
              nullable = true)
          String next) {}
}
