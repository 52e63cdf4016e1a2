package io.handoff.platform.persistence;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The fingerprint by which a repeated request is recognised: SHA-256 of its meaningful parts. */
public final class Fingerprints {

  private Fingerprints() {}

  /** SHA-256 (hex) of the parts in order; numbers compare by value (1.50 = 1.5), null as "null". */
  public static String of(Object... parts) {
    StringBuilder sb = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof BigDecimal number) {
        sb.append(number.stripTrailingZeros().toPlainString());
      } else {
        sb.append(part);
      }
      sb.append('\u001f');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
