package io.handoff.vendor;

import io.handoff.platform.decision.CountPerOutcome;
import org.springframework.stereotype.Component;

/** What-if headline figure of the risk tier table: applications per risk tier. */
@Component
class VendorRiskTierFigure extends CountPerOutcome {

  VendorRiskTierFigure() {
    super("vendor-risk-tier", "riskTier", "applications per risk tier");
  }
}
