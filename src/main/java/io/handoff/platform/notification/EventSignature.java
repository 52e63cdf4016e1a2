package io.handoff.platform.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an integration event (docs/integrations.md): HMAC-SHA256, keyed with the
 * subscriber's secret (its UTF-8 bytes), over the UTF-8 bytes of {@code <timestamp>.<body>} where
 * the timestamp is the {@value #TIMESTAMP_HEADER} header (Unix seconds) and the body the exact
 * bytes posted; sent as {@value #SIGNATURE_HEADER}{@code : sha256=<lower-case hex>}. The timestamp
 * is in the signed text, so a receiver that refuses old timestamps refuses a replayed request.
 */
public final class EventSignature {

  public static final String SIGNATURE_HEADER = "X-Handoff-Signature";
  public static final String TIMESTAMP_HEADER = "X-Handoff-Timestamp";
  public static final String EVENT_ID_HEADER = "X-Handoff-Event-Id";
  public static final String EVENT_TYPE_HEADER = "X-Handoff-Event-Type";
  public static final String SCHEME = "sha256=";

  private EventSignature() {}

  /** The header value {@code sha256=<hex>} for this timestamp and body. */
  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return SCHEME + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * What a receiver checks: the signature matches (compared in constant time) and the timestamp is
   * within {@code toleranceSeconds} of the receiver's clock.
   */
  public static boolean verify(
      String secret,
      String timestampHeader,
      String signatureHeader,
      byte[] body,
      long nowEpochSeconds,
      long toleranceSeconds) {
    if (timestampHeader == null || signatureHeader == null) {
      return false;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(nowEpochSeconds - timestamp) > toleranceSeconds) {
      return false;
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.UTF_8));
  }
}
