package io.handoff.procurement;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts finished invoices for the operators' dashboard: {@code handoff.invoices.completed} tagged
 * {@code path} (straight-through or manual) and {@code outcome} (scheduled or rejected). Counted
 * when the transaction that finished the invoice commits.
 */
@Component
public class InvoiceMetrics {

  public static final String COMPLETED = "handoff.invoices.completed";

  private final MeterRegistry registry;

  public static final String SCHEDULED = "scheduled";
  public static final String REJECTED = "rejected";

  public InvoiceMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Every series exists from the start, so dashboards show 0 rather than no data.
    for (boolean straightThrough : new boolean[] {true, false}) {
      counter(straightThrough, SCHEDULED);
      counter(straightThrough, REJECTED);
    }
  }

  private Counter counter(boolean straightThrough, String outcome) {
    return Counter.builder(COMPLETED)
        .description("Invoices that finished the three-way match process")
        .tag("path", straightThrough ? "straight-through" : "manual")
        .tag("outcome", outcome)
        .register(registry);
  }

  public void completed(boolean straightThrough, String outcome) {
    Counter counter = counter(straightThrough, outcome);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              counter.increment();
            }
          });
    } else {
      counter.increment();
    }
  }
}
