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
            new Invoice.Line(1, d("10"), d("102.50"), d("1025.00")), Optional.of(ORDERED), d("10"));

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
            new Invoice.Line(1, d("10"), d("97.00"), d("970.00")), Optional.of(ORDERED), d("10"));
    assertThat(f.priceVariancePercent()).isEqualByComparingTo("3");
    assertThat(f.priceVarianceAmount()).isEqualByComparingTo("30");
  }

  @Test
  void quantitiesAboveReceivedAndOrderedAreComputed() {
    LineMatcher.LineFigures f =
        LineMatcher.figures(
            new Invoice.Line(1, d("12"), d("100.00"), d("1200.00")), Optional.of(ORDERED), d("7"));
    assertThat(f.quantityAboveReceived()).isEqualByComparingTo("5");
    assertThat(f.quantityAboveOrdered()).isEqualByComparingTo("2");
  }

  @Test
  void lineNotOnTheOrderHasNothingOrderedOrReceived() {
    LineMatcher.LineFigures f =
        LineMatcher.figures(new Invoice.Line(9, d("1"), d("5"), d("5")), Optional.empty(), null);
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
    assertThat(LineMatcher.waitsForGoods(lines, order, Map.of(1, d("9.5")))).isTrue();
    assertThat(LineMatcher.waitsForGoods(lines, order, Map.of(1, d("10.000")))).isFalse();
    List<Invoice.Line> notOnOrder = List.of(new Invoice.Line(2, d("1"), d("1"), d("1")));
    assertThat(LineMatcher.waitsForGoods(notOnOrder, order, Map.of())).isFalse();
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

  @Test
  void requesterAndVarianceAcceptorMayNotApproveOthersMay() {
    assertThat(SegregationOfDuties.refusal("mark", "PO-1", "mark", null))
        .hasValueSatisfying(m -> assertThat(m).contains("mark requested purchase order PO-1"));
    assertThat(SegregationOfDuties.refusal("alice", "PO-1", "mark", "alice"))
        .hasValueSatisfying(m -> assertThat(m).contains("accepted the variance"));
    assertThat(SegregationOfDuties.refusal("martha", "PO-1", "mark", "alice")).isEmpty();
    assertThat(SegregationOfDuties.refusal(null, "PO-1", "mark", "alice")).isEmpty();
  }

  @Test
  void amountsArePresentedWithoutExponents() {
    assertThat(Amounts.money(d("100.0000")).toString()).isEqualTo("100.00");
    assertThat(Amounts.money(d("12.3450")).toString()).isEqualTo("12.345");
    assertThat(Amounts.quantity(d("10.0000")).toString()).isEqualTo("10");
    assertThat(Amounts.display(d("1234.5"), "EUR")).isEqualTo("1234.50 EUR");
  }
}
