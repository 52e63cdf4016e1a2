package io.handoff.procurement.api;

import io.handoff.platform.errors.ApiProblemException;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.persistence.FirstWriteWins;
import io.handoff.procurement.InvoiceVariables;
import io.handoff.procurement.PurchaseOrder;
import io.handoff.procurement.RequestChecks;
import io.handoff.procurement.store.PurchasingStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Goods receipts: recorded in the purchasing store, and every invoice waiting on the order wakes.
 */
@RestController
@RequestMapping("/api/goods-receipts")
@Tag(name = "Goods receipts", description = "Goods received against a purchase order")
public class GoodsReceiptController {

  private static final Logger log = LoggerFactory.getLogger(GoodsReceiptController.class);

  private final PurchasingStore store;
  private final RuntimeService runtimeService;
  private final RequestChecks checks;
  private final FirstWriteWins firstWriteWins;

  public GoodsReceiptController(
      PurchasingStore store,
      RuntimeService runtimeService,
      RequestChecks checks,
      FirstWriteWins firstWriteWins) {
    this.store = store;
    this.runtimeService = runtimeService;
    this.checks = checks;
    this.firstWriteWins = firstWriteWins;
  }

  /**
   * @param line purchase order line number
   * @param quantity quantity received
   */
  public record GoodsReceiptLineRequest(
      @NotNull @Positive Integer line,
      @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal quantity) {}

  /**
   * @param receiptId the receipt's id, unique
   * @param poNumber the purchase order received against
   * @param lines received lines
   */
  public record GoodsReceiptRequest(
      @NotBlank @Pattern(regexp = RequestChecks.ID_PATTERN, message = RequestChecks.ID_MESSAGE)
          String receiptId,
      @NotBlank @Pattern(regexp = RequestChecks.ID_PATTERN, message = RequestChecks.ID_MESSAGE)
          String poNumber,
      @NotEmpty @Size(max = 500) List<@NotNull @Valid GoodsReceiptLineRequest> lines) {}

  /**
   * @param receiptId the receipt
   * @param poNumber its purchase order
   * @param invoicesResumed how many waiting invoices this receipt woke
   */
  public record GoodsReceiptRecorded(String receiptId, String poNumber, int invoicesResumed) {}

  /**
   * @param line purchase order line number
   * @param quantity quantity received on it
   */
  public record GoodsReceiptLineView(int line, BigDecimal quantity) {}

  /**
   * A recorded goods receipt.
   *
   * @param receiptId the receipt
   * @param poNumber its purchase order
   * @param receivedAt when it was recorded
   * @param lines the quantities received, by line
   */
  public record GoodsReceiptView(
      String receiptId, String poNumber, Instant receivedAt, List<GoodsReceiptLineView> lines) {}

  @GetMapping("/{receiptId}")
  @Operation(summary = "A recorded goods receipt")
  @ApiResponse(responseCode = "200", description = "The receipt")
  @ApiResponse(responseCode = "404", description = "No receipt with that id")
  public GoodsReceiptView get(@PathVariable String receiptId) {
    PurchasingStore.GoodsReceipt receipt =
        store
            .findGoodsReceipt(receiptId)
            .orElseThrow(() -> ApiProblemException.notFound("No goods receipt " + receiptId));
    return new GoodsReceiptView(
        receipt.receiptId(),
        receipt.poNumber(),
        receipt.receivedAt(),
        receipt.lines().entrySet().stream()
            .map(e -> new GoodsReceiptLineView(e.getKey(), e.getValue()))
            .toList());
  }

  /** Where a receipt is read: a path from the root, like every Location of the API. */
  static URI location(String receiptId) {
    return UriComponentsBuilder.fromPath("/api/goods-receipts/{receiptId}")
        .buildAndExpand(receiptId)
        .encode()
        .toUri();
  }

  @PostMapping
  @Operation(
      summary = "Record a goods receipt",
      description =
          "Every invoice waiting for goods on the purchase order is matched again. Receipts for one"
              + " order are recorded one after the other, also when they arrive at the same moment;"
              + " the same receipt again answers 200, the same receipt id with other content 409.")
  @ApiResponse(responseCode = "201", description = "Recorded; Location is the receipt's path")
  @ApiResponse(responseCode = "200", description = "Repeat of an identical earlier request")
  @ApiResponse(responseCode = "400", description = "Invalid; every bad field is named")
  @ApiResponse(responseCode = "409", description = "Same receipt id, different content")
  public ResponseEntity<GoodsReceiptRecorded> record(@RequestBody GoodsReceiptRequest request) {
    List<FieldProblem> problems = checks.constraints(request);
    RequestChecks.uniqueLines(request.lines(), GoodsReceiptLineRequest::line, problems);
    Optional<PurchaseOrder> order =
        request.poNumber() == null ? Optional.empty() : store.findPurchaseOrder(request.poNumber());
    if (request.poNumber() != null && !RequestChecks.hasProblem(problems, "poNumber")) {
      if (order.isEmpty()) {
        problems.add(new FieldProblem("poNumber", "unknown purchase order"));
      } else if (request.lines() != null) {
        for (int i = 0; i < request.lines().size(); i++) {
          GoodsReceiptLineRequest line = request.lines().get(i);
          if (line != null && line.line() != null && order.get().line(line.line()).isEmpty()) {
            problems.add(
                new FieldProblem("lines[" + i + "].line", "not a line of the purchase order"));
          }
        }
      }
    }
    RequestChecks.throwIfAny(problems);

    Map<Integer, BigDecimal> lines = new LinkedHashMap<>();
    request.lines().stream()
        .sorted(Comparator.comparing(GoodsReceiptLineRequest::line))
        .forEach(l -> lines.put(l.line(), l.quantity()));
    List<Object> parts = new ArrayList<>(List.of(request.receiptId(), request.poNumber()));
    lines.forEach(
        (line, quantity) -> {
          parts.add(line);
          parts.add(quantity);
        });
    String fingerprint = RequestChecks.fingerprint(parts.toArray());
    return firstWriteWins.create(
        () -> {
          // Receipts of one order, and the invoices they wake, one at a time.
          store.lockPurchaseOrder(request.poNumber());
          return repeat(request, fingerprint).orElseGet(() -> insert(request, lines, fingerprint));
        },
        () -> repeat(request, fingerprint));
  }

  private ResponseEntity<GoodsReceiptRecorded> insert(
      GoodsReceiptRequest request, Map<Integer, BigDecimal> lines, String fingerprint) {
    store.insertGoodsReceipt(request.receiptId(), request.poNumber(), lines, fingerprint);
    int resumed =
        runtimeService
            .createMessageCorrelation(InvoiceVariables.GOODS_RECEIVED_MESSAGE)
            .processInstanceVariableEquals(InvoiceVariables.PO_NUMBER, request.poNumber())
            .correlateAllWithResult()
            .size();
    log.info(
        "Goods receipt {} on {} recorded; {} waiting invoice(s) resumed",
        request.receiptId(),
        request.poNumber(),
        resumed);
    return ResponseEntity.created(location(request.receiptId()))
        .body(new GoodsReceiptRecorded(request.receiptId(), request.poNumber(), resumed));
  }

  /** The answer from an earlier receipt of that id: 200 when identical, else 409. */
  private Optional<ResponseEntity<GoodsReceiptRecorded>> repeat(
      GoodsReceiptRequest request, String fingerprint) {
    Optional<String> earlier = store.receiptHash(request.receiptId());
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (!earlier.get().equals(fingerprint)) {
      throw new ApiProblemException(
          HttpStatus.CONFLICT,
          "duplicate-goods-receipt",
          "Goods receipt " + request.receiptId() + " exists with different content.");
    }
    return Optional.of(
        ResponseEntity.ok()
            .location(location(request.receiptId()))
            .body(new GoodsReceiptRecorded(request.receiptId(), request.poNumber(), 0)));
  }
}
