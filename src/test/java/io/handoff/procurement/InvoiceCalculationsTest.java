package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.platform.errors.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plain-Java arithmetic of procure-to-pay, without an engine. */
class InvoiceCalculationsTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static final PurchaseOrder.Line ORDERED =
      new PurchaseOrder.Line(1, "A-100", "Paper", d("10"), d("100.00"));

  @Test
  void priceVarianceIsComputedInPercentAndOverTheLine() {
    LineMatcher.LineFigures f =
        LineMatcher.figures(
            new Invoice.Line(1, d("10"), d("102.50"), d("1025.00")),
            Optional.of(ORDERED),
            d("10"),
            null);

    assertThat(f.onOrder()).isTrue();
    assertThat(f.priceVariancePercent()).isEqualByComparingTo("2.5");
    assertThat(f.priceVarianceAmount()).isEqualByComparingTo("25.00");
    assertThat(f.quantityAboveReceived()).isEqualByComparingTo("0");
    assertThat(f.quantityAboveOrdered()).isEqualByComparingTo("0");
  }

  @Test
  void lowerInvoicedPriceIsAVarianceToo() {
    LineMatcher.LineFigures f =
        LineMatcher.figures(
            new Invoice.Line(1, d("10"), d("97.00"), d("970.00")),
            Optional.of(ORDERED),
            d("10"),
            null);
    assertThat(f.priceVariancePercent()).isEqualByComparingTo("3");
    assertThat(f.priceVarianceAmount()).isEqualByComparingTo("30");
  }

  @Test
  void quantitiesAboveReceivedAndOrderedAreComputed() {
    LineMatcher.LineFigures f =
        LineMatcher.figures(
            new Invoice.Line(1, d("12"), d("100.00"), d("1200.00")),
            Optional.of(ORDERED),
            d("7"),
            null);
    assertThat(f.quantityAboveReceived()).isEqualByComparingTo("5");
    assertThat(f.quantityAboveOrdered()).isEqualByComparingTo("2");
  }

  @Test
  void lineNotOnTheOrderHasNothingOrderedOrReceived() {
    LineMatcher.LineFigures f =
        LineMatcher.figures(
            new Invoice.Line(9, d("1"), d("5"), d("5")), Optional.empty(), null, null);
    assertThat(f.onOrder()).isFalse();
    assertThat(f.orderedQuantity()).isEqualByComparingTo("0");
    assertThat(f.quantityAboveReceived()).isEqualByComparingTo("1");
    assertThat(f.orderUnitPrice()).isNull();
  }

  @Test
  void itemOrderedAtNoChargeButBilledIsAFullVariance() {
    assertThat(LineMatcher.percent(d("5"), BigDecimal.ZERO)).isEqualByComparingTo("100");
    assertThat(LineMatcher.percent(BigDecimal.ZERO, BigDecimal.ZERO)).isEqualByComparingTo("0");
  }

  @Test
  void invoiceWaitsForGoodsOnlyWhenAnOrderedLineIsShort() {
    PurchaseOrder order = new PurchaseOrder("PO-1", "V-1", "EUR", "paul", "it", List.of(ORDERED));
    List<Invoice.Line> lines = List.of(new Invoice.Line(1, d("10"), d("100"), d("1000")));
    assertThat(LineMatcher.waitsForGoods(lines, order, Map.of(1, d("9.5")), Map.of())).isTrue();
    assertThat(LineMatcher.waitsForGoods(lines, order, Map.of(1, d("10.000")), Map.of())).isFalse();
    List<Invoice.Line> notOnOrder = List.of(new Invoice.Line(2, d("1"), d("1"), d("1")));
    assertThat(LineMatcher.waitsForGoods(notOnOrder, order, Map.of(), Map.of())).isFalse();
  }

  @Test
  void goodsAlreadyBilledByAnotherInvoiceCountAgainstWhatIsReceived() {
    PurchaseOrder order = new PurchaseOrder("PO-1", "V-1", "EUR", "paul", "it", List.of(ORDERED));
    Invoice.Line ten = new Invoice.Line(1, d("10"), d("100.00"), d("1000.00"));
    // Everything ordered has come and another invoice billed 4 of it: 4 of these 10 are too many,
    // and no more goods can come, so the invoice does not wait.
    LineMatcher.LineFigures f = LineMatcher.figures(ten, Optional.of(ORDERED), d("10"), d("4"));
    assertThat(f.quantityAboveReceived()).isEqualByComparingTo("0");
    assertThat(f.quantityAboveUninvoiced()).isEqualByComparingTo("4");
    assertThat(
            LineMatcher.waitsForGoods(List.of(ten), order, Map.of(1, d("10")), Map.of(1, d("4"))))
        .isFalse();
    // Half received and half billed elsewhere: more may come, so it waits.
    Invoice.Line five = new Invoice.Line(1, d("5"), d("100.00"), d("500.00"));
    assertThat(
            LineMatcher.waitsForGoods(List.of(five), order, Map.of(1, d("5")), Map.of(1, d("5"))))
        .isTrue();
  }

  @Test
  void arithmeticAcceptsOneCentAndNamesWhatDoesNotAddUp() {
    List<FieldProblem> ok = new ArrayList<>();
    InvoiceArithmetic.check(
        List.of(new InvoiceArithmetic.LineFigures(d("3"), d("33.333"), null)),
        d("0"),
        d("100.00"),
        ok);
    assertThat(ok).isEmpty();

    List<FieldProblem> problems = new ArrayList<>();
    InvoiceArithmetic.check(
        List.of(new InvoiceArithmetic.LineFigures(d("2"), d("10.00"), d("20.02"))),
        d("1.00"),
        d("21.00"),
        problems);
    assertThat(problems)
        .extracting(FieldProblem::field)
        .containsExactly("lines[0].amount", "total");
  }

  @Test
  void paymentDateFollowsTheNetTerms() {
    assertThat(PaymentTerms.paymentDate(LocalDate.of(2026, 1, 31), "NET30"))
        .isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(PaymentTerms.paymentDate(LocalDate.of(2026, 1, 31), "NET0"))
        .isEqualTo(LocalDate.of(2026, 1, 31));
    assertThat(PaymentTerms.days("NET366")).isEmpty();
    assertThat(PaymentTerms.days("net30")).isEmpty();
    assertThatThrownBy(() -> PaymentTerms.paymentDate(LocalDate.now(), "EOM"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static SegregationOfDuties.Facts level(int level, Map<String, Integer> earlier) {
    return new SegregationOfDuties.Facts(
        "PO-1",
        "mark@handoff.example",
        Set.of("alice"),
        level,
        "department-managers",
        earlier,
        null);
  }

  private static SegregationOfDuties.Approver manager(String userId, String email) {
    Set<String> identities =
        email == null
            ? Set.of(userId.toLowerCase())
            : Set.of(userId.toLowerCase(), email.toLowerCase());
    return new SegregationOfDuties.Approver(
        userId, identities, Set.of("department-managers", "finance-directors"));
  }

  @Test
  void requesterByEmailVarianceAcceptorAndEarlierApproverMayNotApproveOthersMay() {
    assertThat(
            SegregationOfDuties.refusal(
                manager("mark", "Mark@Handoff.example"), level(1, Map.of())))
        .hasValueSatisfying(m -> assertThat(m).contains("mark requested purchase order PO-1"));
    assertThat(SegregationOfDuties.refusal(manager("alice", null), level(1, Map.of())))
        .hasValueSatisfying(m -> assertThat(m).contains("accepted the variance"));
    assertThat(
            SegregationOfDuties.refusal(
                manager("martha", "martha@handoff.example"), level(2, Map.of("martha", 1))))
        .hasValueSatisfying(m -> assertThat(m).contains("already decided approval level 1"));
    assertThat(
            SegregationOfDuties.refusal(
                new SegregationOfDuties.Approver("erin", Set.of("erin"), Set.of("employees")),
                level(1, Map.of())))
        .hasValueSatisfying(m -> assertThat(m).contains("is not a member"));
    assertThat(
            SegregationOfDuties.refusal(
                manager("martha", "martha@handoff.example"), level(2, Map.of("fiona", 1))))
        .isEmpty();
  }

  @Test
  void invoiceNumbersCompareWithoutCaseSeparatorsAndLeadingZeros() {
    assertThat(InvoiceNumbers.key("INV-0042")).isEqualTo(InvoiceNumbers.key("inv 42"));
    assertThat(InvoiceNumbers.key("INV_042")).isEqualTo("INV42");
    assertThat(InvoiceNumbers.key("2026/0007")).isEqualTo(InvoiceNumbers.key("2026-7"));
    assertThat(InvoiceNumbers.key("INV-100")).isNotEqualTo(InvoiceNumbers.key("INV-10"));
    assertThat(InvoiceNumbers.key("A-0")).isEqualTo("A0");
  }

  @Test
  void amountsArePresentedWithoutExponents() {
    assertThat(Amounts.money(d("100.0000")).toString()).isEqualTo("100.00");
    assertThat(Amounts.money(d("12.3450")).toString()).isEqualTo("12.345");
    assertThat(Amounts.quantity(d("10.0000")).toString()).isEqualTo("10");
    assertThat(Amounts.display(d("1234.5"), "EUR")).isEqualTo("1234.50 EUR");
  }
}
