package io.handoff.procurement;

import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns the approval matrix's comma-separated approver groups into the collection the sequential
 * "Approve invoice" task loops over: {@code ${invoiceApproverGroups.of(approverGroups)}}.
 */
@Component("invoiceApproverGroups")
public class InvoiceApproverGroups {

  public List<String> of(String approverGroups) {
    if (approverGroups == null) {
      return List.of();
    }
    return Arrays.stream(approverGroups.split(","))
        .map(String::trim)
        .filter(g -> !g.isEmpty())
        .toList();
  }
}
