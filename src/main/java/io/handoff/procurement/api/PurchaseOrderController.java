package io.handoff.procurement.api;

import io.handoff.platform.api.CurrencyCode;
import io.handoff.platform.api.MultilineText;
import io.handoff.platform.api.list.ListDoc;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.persistence.FirstWriteWins;
import io.handoff.procurement.PurchaseOrder;
import io.handoff.procurement.RequestChecks;
import io.handoff.procurement.store.PurchaseOrderSearch;
import io.handoff.procurement.store.PurchasingStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Purchase orders, fed by the ERP into the platform's purchasing store. */
@RestController
@RequestMapping("/api/purchase-orders")
@Tag(name = "Purchase orders", description = "Purchase orders invoices are matched against")
public class PurchaseOrderController {

  private final PurchasingStore store;
  private final RequestChecks checks;
  private final FirstWriteWins firstWriteWins;
  private final PurchaseOrderSearch search;

  public PurchaseOrderController(
      PurchasingStore store,
      RequestChecks checks,
      FirstWriteWins firstWriteWins,
      PurchaseOrderSearch search) {
    this.store = store;
    this.checks = checks;
    this.firstWriteWins = firstWriteWins;
    this.search = search;
  }

  @GetMapping
  @Operation(
      summary =
          "List purchase orders by vendor, requester, category and time created, with the"
              + " quantities ordered, received and invoiced per line",
      description =
          ListDoc.PAGING
              + " Sort keys: createdAt (default, newest first), poNumber. Invoiced quantities"
              + " count every invoice of the order that is not rejected.")
  @Parameter(name = "vendorId", in = ParameterIn.QUERY, description = "The vendor's id, exactly")
  @Parameter(
      name = "requestedBy",
      in = ParameterIn.QUERY,
      description = "Who requested the purchase, exactly")
  @Parameter(
      name = "category",
      in = ParameterIn.QUERY,
      description = "Purchase category, exactly",
      example = "office-supplies")
  @Parameter(
      name = "createdFrom",
      in = ParameterIn.QUERY,
      description = "Created at or after: an ISO 8601 instant or a date (its start, 00:00 UTC)",
      example = "2026-03-01")
  @Parameter(
      name = "createdTo",
      in = ParameterIn.QUERY,
      description = "Created before (exclusive): an instant or a date (its start, 00:00 UTC)",
      example = "2026-04-01")
  @Parameter(
      name = "sort",
      in = ParameterIn.QUERY,
      description = ListDoc.SORT,
      schema =
          @Schema(
              type = "string",
              example = "poNumber,asc",
              pattern = "^(createdAt|poNumber)(,(asc|desc))?$"))
  @Parameter(
      name = "size",
      in = ParameterIn.QUERY,
      description = ListDoc.SIZE,
      schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
  @Parameter(name = "cursor", in = ParameterIn.QUERY, description = ListDoc.CURSOR)
  @ApiResponse(responseCode = "200", description = "One page of purchase orders")
  @ApiResponse(
      responseCode = "400",
      description = "Bad parameters; every bad one is named",
      content = @Content(mediaType = "application/problem+json"))
  public Page<PurchaseOrderSearch.PurchaseOrderSummary> list(
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
    return search.page(parameters);
  }

  /**
   * @param line line number, unique within the order
   * @param sku item ordered
   * @param description item description
   * @param quantity quantity ordered
   * @param unitPrice agreed unit price
   */
  public record PurchaseOrderLineRequest(
      @NotNull @Positive Integer line,
      @NotBlank @Size(max = 64) String sku,
      @Size(max = 500) @MultilineText String description,
      @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal quantity,
      @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal unitPrice) {}

  /**
   * @param poNumber order number
   * @param vendorId vendor
   * @param currency ISO 4217 currency code
   * @param requestedBy platform user who requested the purchase; may not approve its invoices
   * @param category purchase category, an input of the approval matrix
   * @param lines ordered lines
   */
  public record PurchaseOrderRequest(
      @NotBlank @Pattern(regexp = RequestChecks.ID_PATTERN, message = RequestChecks.ID_MESSAGE)
          String poNumber,
      @NotBlank @Pattern(regexp = RequestChecks.ID_PATTERN, message = RequestChecks.ID_MESSAGE)
          String vendorId,
      @NotBlank @Size(max = 3) @CurrencyCode String currency,
      @NotBlank @Size(max = 64) String requestedBy,
      @NotBlank @Size(max = 64) String category,
      @NotEmpty @Size(max = 500) List<@NotNull @Valid PurchaseOrderLineRequest> lines) {}

  /**
   * @param order the purchase order
   * @param received quantity received so far per line number
   */
  public record PurchaseOrderView(PurchaseOrder order, Map<Integer, BigDecimal> received) {}

  @PostMapping
  @Operation(
      summary = "Record a purchase order",
      description =
          "The same order again answers 200 with it, also when both arrive at the same moment;"
              + " the same number with other content answers 409.")
  @ApiResponse(responseCode = "201", description = "Recorded")
  @ApiResponse(responseCode = "200", description = "Repeat of an identical earlier request")
  @ApiResponse(responseCode = "400", description = "Invalid; every bad field is named")
  @ApiResponse(responseCode = "409", description = "Same number, different content")
  public ResponseEntity<PurchaseOrder> create(@RequestBody PurchaseOrderRequest request) {
    List<FieldProblem> problems = checks.constraints(request);
    RequestChecks.uniqueLines(request.lines(), PurchaseOrderLineRequest::line, problems);
    RequestChecks.throwIfAny(problems);

    List<Object> parts =
        new ArrayList<>(
            List.of(
                request.poNumber(),
                request.vendorId(),
                request.currency(),
                request.requestedBy(),
                request.category()));
    List<PurchaseOrder.Line> lines =
        request.lines().stream()
            .sorted(Comparator.comparing(PurchaseOrderLineRequest::line))
            .map(
                l ->
                    new PurchaseOrder.Line(
                        l.line(), l.sku(), l.description(), l.quantity(), l.unitPrice()))
            .toList();
    lines.forEach(
        l ->
            parts.addAll(
                List.of(
                    l.line(),
                    l.sku(),
                    String.valueOf(l.description()),
                    l.quantity(),
                    l.unitPrice())));
    String fingerprint = RequestChecks.fingerprint(parts.toArray());
    URI location =
        UriComponentsBuilder.fromPath("/api/purchase-orders/{poNumber}")
            .buildAndExpand(request.poNumber())
            .encode()
            .toUri();
    PurchaseOrder order =
        new PurchaseOrder(
            request.poNumber(),
            request.vendorId(),
            request.currency(),
            request.requestedBy(),
            request.category(),
            lines);
    return firstWriteWins.create(
        () ->
            repeat(request.poNumber(), fingerprint, location)
                .orElseGet(
                    () -> {
                      store.insertPurchaseOrder(order, fingerprint);
                      return ResponseEntity.created(location).body(order);
                    }),
        () -> repeat(request.poNumber(), fingerprint, location));
  }

  /** The answer from an earlier order of that number: 200 when identical, else 409. */
  private Optional<ResponseEntity<PurchaseOrder>> repeat(
      String poNumber, String fingerprint, URI location) {
    Optional<String> earlier = store.purchaseOrderHash(poNumber);
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (!earlier.get().equals(fingerprint)) {
      throw new ApiProblemException(
          HttpStatus.CONFLICT,
          "duplicate-purchase-order",
          "Purchase order " + poNumber + " exists with different content.");
    }
    return Optional.of(
        ResponseEntity.ok()
            .location(location)
            .body(store.findPurchaseOrder(poNumber).orElseThrow()));
  }

  @GetMapping("/{poNumber}")
  @Transactional(readOnly = true)
  @Operation(summary = "A purchase order and the quantities received so far")
  public PurchaseOrderView get(@PathVariable String poNumber) {
    PurchaseOrder order =
        store
            .findPurchaseOrder(poNumber)
            .orElseThrow(() -> ApiProblemException.notFound("No purchase order " + poNumber + "."));
    return new PurchaseOrderView(order, store.receivedQuantities(poNumber));
  }
}
