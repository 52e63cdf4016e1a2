package io.handoff.procurement.api;

import io.handoff.platform.api.CurrencyCode;
import io.handoff.platform.api.PlausibleDate;
import io.handoff.platform.api.list.ListDoc;
import io.handoff.platform.api.list.Page;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.persistence.FirstWriteWins;
import io.handoff.procurement.Amounts;
import io.handoff.procurement.Invoice;
import io.handoff.procurement.InvoiceArithmetic;
import io.handoff.procurement.InvoiceIntakeService;
import io.handoff.procurement.InvoiceStatus;
import io.handoff.procurement.InvoiceVariables;
import io.handoff.procurement.NetPaymentTerms;
import io.handoff.procurement.RequestChecks;
import io.handoff.procurement.store.InvoiceDecisionLog;
import io.handoff.procurement.store.InvoiceRepository;
import io.handoff.procurement.store.InvoiceSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Invoices: submit one for three-way matching, read where it stands, send a corrected one. */
@RestController
@RequestMapping("/api/invoices")
@Tag(name = "Invoices", description = "Invoice three-way match (procure-to-pay)")
public class InvoiceController {

  private final InvoiceIntakeService intake;
  private final InvoiceRepository invoices;
  private final InvoiceDecisionLog decisionLog;
  private final RequestChecks checks;
  private final FirstWriteWins firstWriteWins;
  private final InvoiceSearch search;

  public InvoiceController(
      InvoiceIntakeService intake,
      InvoiceRepository invoices,
      InvoiceDecisionLog decisionLog,
      RequestChecks checks,
      FirstWriteWins firstWriteWins,
      InvoiceSearch search) {
    this.intake = intake;
    this.invoices = invoices;
    this.decisionLog = decisionLog;
    this.checks = checks;
    this.firstWriteWins = firstWriteWins;
    this.search = search;
  }

  @GetMapping
  @Operation(
      summary = "List invoices by status, vendor, purchase order and invoice date",
      description =
          ListDoc.PAGING
              + " Sort keys: receivedAt (default, newest first), invoiceDate, total, updatedAt.")
  @Parameter(
      name = "status",
      in = ParameterIn.QUERY,
      description = "One or more statuses, comma-separated or repeated",
      array = @ArraySchema(schema = @Schema(implementation = InvoiceStatus.class)),
      example = "EXCEPTION,AWAITING_APPROVAL")
  @Parameter(name = "vendorId", in = ParameterIn.QUERY, description = "The vendor's id, exactly")
  @Parameter(name = "poNumber", in = ParameterIn.QUERY, description = "The purchase order billed")
  @Parameter(
      name = "invoiceDateFrom",
      in = ParameterIn.QUERY,
      description = "Invoice date on or after (yyyy-MM-dd)",
      schema = @Schema(type = "string", format = "date"))
  @Parameter(
      name = "invoiceDateTo",
      in = ParameterIn.QUERY,
      description = "Invoice date on or before (yyyy-MM-dd)",
      schema = @Schema(type = "string", format = "date"))
  @Parameter(
      name = "sort",
      in = ParameterIn.QUERY,
      description = ListDoc.SORT,
      schema =
          @Schema(
              type = "string",
              example = "invoiceDate,asc",
              pattern = "^(receivedAt|invoiceDate|total|updatedAt)(,(asc|desc))?$"))
  @Parameter(
      name = "size",
      in = ParameterIn.QUERY,
      description = ListDoc.SIZE,
      schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
  @Parameter(name = "cursor", in = ParameterIn.QUERY, description = ListDoc.CURSOR)
  @ApiResponse(responseCode = "200", description = "One page of invoices")
  @ApiResponse(
      responseCode = "400",
      description = "Bad parameters; every bad one is named",
      content = @Content(mediaType = "application/problem+json"))
  public Page<InvoiceSearch.InvoiceSummary> list(
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
    return search.page(parameters);
  }

  /**
   * An invoice line.
   *
   * @param line number of the purchase order line it bills
   * @param quantity invoiced quantity
   * @param unitPrice invoiced unit price
   * @param amount line amount; optional, checked against quantity x unit price when given
   */
  public record InvoiceLineRequest(
      @NotNull @Positive Integer line,
      @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal quantity,
      @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal unitPrice,
      @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal amount) {}

  /**
   * An invoice from a vendor.
   *
   * @param vendorId the vendor's id
   * @param invoiceNumber the vendor's invoice number
   * @param invoiceDate invoice date (yyyy-MM-dd), start of the payment terms; from 2000-01-01 to
   *     one year after today
   * @param currency ISO 4217 currency code
   * @param poNumber the purchase order billed
   * @param paymentTerms {@code NET<days>}, e.g. NET30
   * @param lines invoiced lines
   * @param tax tax amount
   * @param total total including tax; must equal the line amounts plus tax within 0.01
   */
  public record InvoiceRequest(
      @NotBlank @Pattern(regexp = RequestChecks.ID_PATTERN, message = RequestChecks.ID_MESSAGE)
          String vendorId,
      @NotBlank @Pattern(regexp = RequestChecks.ID_PATTERN, message = RequestChecks.ID_MESSAGE)
          String invoiceNumber,
      @NotNull @PlausibleDate LocalDate invoiceDate,
      @NotBlank @Size(max = 3) @CurrencyCode @Schema(example = "EUR") String currency,
      @NotBlank @Pattern(regexp = RequestChecks.ID_PATTERN, message = RequestChecks.ID_MESSAGE)
          String poNumber,
      @NotBlank @Size(max = 6) @NetPaymentTerms @Schema(example = "NET30") String paymentTerms,
      @NotEmpty @Size(max = 500) List<@NotNull @Valid InvoiceLineRequest> lines,
      @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal tax,
      @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal total) {}

  /**
   * A corrected invoice replacing the content of one that waits for a correction.
   *
   * @param invoiceDate date of the corrected invoice
   * @param lines corrected lines
   * @param tax tax amount
   * @param total total including tax
   */
  public record InvoiceCorrectionRequest(
      @NotNull @PlausibleDate LocalDate invoiceDate,
      @NotEmpty @Size(max = 500) List<@NotNull @Valid InvoiceLineRequest> lines,
      @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal tax,
      @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal total) {}

  /**
   * @param processInstanceId the process instance handling the invoice
   * @param status where the invoice stands
   */
  public record InvoiceAccepted(String processInstanceId, InvoiceStatus status) {}

  /**
   * A line with its match result.
   *
   * @param line line number
   * @param quantity invoiced quantity
   * @param unitPrice invoiced unit price
   * @param amount line amount
   * @param orderedQuantity quantity ordered
   * @param receivedQuantity quantity received at the last match
   * @param orderUnitPrice unit price on the purchase order
   * @param priceVariancePercent unit price variance in percent
   * @param priceVarianceAmount price variance over the line
   * @param matchResult MATCHED, PRICE_VARIANCE, QUANTITY_VARIANCE, NOT_ON_ORDER; absent before
   * @param matchReason why
   */
  public record LineView(
      int line,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal amount,
      BigDecimal orderedQuantity,
      BigDecimal receivedQuantity,
      BigDecimal orderUnitPrice,
      BigDecimal priceVariancePercent,
      BigDecimal priceVarianceAmount,
      String matchResult,
      String matchReason) {}

  /**
   * One decision in the invoice's audit trail.
   *
   * @param kind what was decided: a decision table's key for a rule, else the kind of decision
   * @param step the BPMN element that decided
   * @param decidedBy {@code rule:<decision>:<version>}, {@code person:<id>}, {@code
   *     agent:<task>/<provider>/<model>} or {@code platform}
   * @param outcome the outcome
   * @param reason why
   * @param inputs the inputs, as JSON
   * @param decidedAt when
   */
  // Named apart from the vendor application's DecisionView: one schema name, one shape.
  @Schema(name = "InvoiceDecisionView")
  public record DecisionView(
      String kind,
      String step,
      String decidedBy,
      String outcome,
      String reason,
      String inputs,
      Instant decidedAt) {}

  /**
   * Where an invoice stands.
   *
   * @param vendorId vendor
   * @param invoiceNumber invoice number
   * @param status RECEIVED, WAITING_FOR_GOODS, EXCEPTION, AWAITING_CREDIT_NOTE, AWAITING_APPROVAL,
   *     AWAITING_ESCALATED_APPROVAL, SCHEDULED_FOR_PAYMENT or REJECTED
   * @param processInstanceId the process instance handling it
   * @param invoiceDate invoice date
   * @param currency currency
   * @param poNumber purchase order
   * @param paymentTerms payment terms
   * @param tax tax
   * @param total total
   * @param lines lines with match results
   * @param approvals the approval route and every approval decision
   * @param decisions the whole audit trail: line matches, exception resolutions, approvals,
   *     refusals
   * @param paymentDate when it will be paid, once scheduled
   */
  public record InvoiceView(
      String vendorId,
      String invoiceNumber,
      InvoiceStatus status,
      String processInstanceId,
      LocalDate invoiceDate,
      String currency,
      String poNumber,
      String paymentTerms,
      BigDecimal tax,
      BigDecimal total,
      List<LineView> lines,
      List<DecisionView> approvals,
      List<DecisionView> decisions,
      LocalDate paymentDate) {}

  @PostMapping
  @Operation(
      summary = "Submit an invoice for three-way matching",
      description =
          "Starts the invoice-three-way-match process. The same invoice again answers 200 with"
              + " the same process instance, also when both arrive at the same moment; the same"
              + " vendor and number with different content answers 409.")
  @ApiResponse(responseCode = "201", description = "Invoice stored, process started")
  @ApiResponse(responseCode = "200", description = "Repeat of an earlier identical submission")
  @ApiResponse(responseCode = "400", description = "Invalid invoice; every bad field is named")
  @ApiResponse(responseCode = "409", description = "Same vendor and number, different content")
  public ResponseEntity<InvoiceAccepted> submit(@RequestBody InvoiceRequest request) {
    List<FieldProblem> problems = checks.constraints(request);
    checkLines(request.lines(), request.tax(), request.total(), problems);
    RequestChecks.throwIfAny(problems);

    List<Invoice.Line> lines = lines(request.lines());
    InvoiceIntakeService.NewInvoice submitted =
        new InvoiceIntakeService.NewInvoice(
            InvoiceIntakeService.newInvoice(
                request.vendorId(),
                request.invoiceNumber(),
                request.invoiceDate(),
                request.currency(),
                request.poNumber(),
                request.paymentTerms(),
                lines,
                request.tax(),
                request.total()),
            fingerprint(request));
    // A request storing the same vendor and number at the same moment is answered as a repeat.
    InvoiceIntakeService.Submission submission =
        firstWriteWins.create(() -> intake.submit(submitted), () -> intake.earlier(submitted));
    Invoice invoice = submission.invoice();
    InvoiceAccepted body = new InvoiceAccepted(invoice.processInstanceId(), invoice.status());
    URI location =
        UriComponentsBuilder.fromPath("/api/invoices/{vendorId}/{invoiceNumber}")
            .buildAndExpand(invoice.vendorId(), invoice.invoiceNumber())
            .encode()
            .toUri();
    return submission.created()
        ? ResponseEntity.created(location).body(body)
        : ResponseEntity.ok().location(location).body(body);
  }

  @GetMapping("/{vendorId}/{invoiceNumber}")
  @Operation(summary = "Where an invoice stands: status, line match results, approvals, payment")
  public InvoiceView get(@PathVariable String vendorId, @PathVariable String invoiceNumber) {
    Invoice invoice = intake.find(vendorId, invoiceNumber);
    List<LineView> lines =
        invoices.matchedLines(invoice.invoiceId()).stream()
            .map(
                m ->
                    new LineView(
                        m.line().line(),
                        Amounts.quantity(m.line().quantity()),
                        Amounts.money(m.line().unitPrice()),
                        Amounts.money(m.line().amount()),
                        Amounts.quantity(m.orderedQuantity()),
                        Amounts.quantity(m.receivedQuantity()),
                        Amounts.money(m.orderUnitPrice()),
                        Amounts.money(m.priceVariancePercent()),
                        Amounts.money(m.priceVarianceAmount()),
                        m.matchResult(),
                        m.matchReason()))
            .toList();
    List<DecisionView> decisions =
        decisionLog.entries(invoice.invoiceId()).stream()
            .map(
                e ->
                    new DecisionView(
                        e.decision(),
                        e.step(),
                        e.decidedBy(),
                        e.outcome(),
                        e.reason(),
                        e.inputs(),
                        e.decidedAt()))
            .toList();
    List<DecisionView> approvals =
        decisions.stream()
            .filter(
                d ->
                    d.step() != null && d.step().equals(InvoiceVariables.DETERMINE_APPROVERS_STEP)
                        || d.kind().equals(InvoiceDecisionLog.Kind.APPROVAL.name()))
            .toList();
    Optional<InvoiceRepository.Payment> payment = invoices.payment(invoice.invoiceId());
    return new InvoiceView(
        invoice.vendorId(),
        invoice.invoiceNumber(),
        invoice.status(),
        invoice.processInstanceId(),
        invoice.invoiceDate(),
        invoice.currency(),
        invoice.poNumber(),
        invoice.paymentTerms(),
        Amounts.money(invoice.tax()),
        Amounts.money(invoice.total()),
        lines,
        approvals,
        decisions,
        payment.map(InvoiceRepository.Payment::paymentDate).orElse(null));
  }

  @PostMapping("/{vendorId}/{invoiceNumber}/correction")
  @Operation(
      summary = "Send the corrected invoice after a credit note request",
      description =
          "Replaces the lines, tax and total of an invoice whose process waits for a corrected"
              + " invoice, and matches it again. 409 when the invoice is not waiting for one.")
  @ApiResponse(responseCode = "200", description = "The corrected invoice, matched again")
  @ApiResponse(responseCode = "409", description = "The invoice is not waiting for a correction")
  public InvoiceAccepted correct(
      @PathVariable String vendorId,
      @PathVariable String invoiceNumber,
      @RequestBody InvoiceCorrectionRequest request) {
    intake.find(vendorId, invoiceNumber);
    List<FieldProblem> problems = checks.constraints(request);
    checkLines(request.lines(), request.tax(), request.total(), problems);
    RequestChecks.throwIfAny(problems);
    Invoice invoice =
        intake.correct(
            vendorId,
            invoiceNumber,
            request.invoiceDate(),
            lines(request.lines()),
            request.tax(),
            request.total());
    return new InvoiceAccepted(invoice.processInstanceId(), invoice.status());
  }

  private static void checkLines(
      List<InvoiceLineRequest> lines,
      BigDecimal tax,
      BigDecimal total,
      List<FieldProblem> problems) {
    RequestChecks.uniqueLines(lines, InvoiceLineRequest::line, problems);
    boolean figuresValid =
        lines != null
            && tax != null
            && total != null
            && !RequestChecks.hasProblem(problems, "lines")
            && !RequestChecks.hasProblem(problems, "tax")
            && !RequestChecks.hasProblem(problems, "total");
    if (figuresValid) {
      InvoiceArithmetic.check(
          lines.stream()
              .map(l -> new InvoiceArithmetic.LineFigures(l.quantity(), l.unitPrice(), l.amount()))
              .toList(),
          tax,
          total,
          problems);
    }
  }

  private static List<Invoice.Line> lines(List<InvoiceLineRequest> requested) {
    List<Invoice.Line> lines = new ArrayList<>();
    for (InvoiceLineRequest l : requested) {
      lines.add(
          new Invoice.Line(
              l.line(),
              l.quantity(),
              l.unitPrice(),
              InvoiceArithmetic.lineAmount(
                  new InvoiceArithmetic.LineFigures(l.quantity(), l.unitPrice(), l.amount()))));
    }
    return lines;
  }

  private static String fingerprint(InvoiceRequest r) {
    List<Object> parts = new ArrayList<>();
    parts.addAll(
        List.of(
            r.vendorId(),
            r.invoiceNumber(),
            r.invoiceDate(),
            r.currency(),
            r.poNumber(),
            r.paymentTerms(),
            r.tax(),
            r.total()));
    r.lines().stream()
        .sorted(java.util.Comparator.comparing(InvoiceLineRequest::line))
        .forEach(
            l ->
                parts.addAll(
                    List.of(
                        l.line(),
                        l.quantity(),
                        l.unitPrice(),
                        l.amount() == null ? "-" : l.amount())));
    return RequestChecks.fingerprint(parts.toArray());
  }
}
