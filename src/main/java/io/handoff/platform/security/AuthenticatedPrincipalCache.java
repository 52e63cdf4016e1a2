package io.handoff.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.handoff.platform.config.HandoffProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The platform users that recently logged in with HTTP Basic, so that a client sending the same
 * credentials with every request (integrations, the engine REST API) is not checked against the
 * identity tables each time: a password check and a group query per request were a tenth of a
 * request's processor time (docs/benchmark-method.md).
 *
 * <ul>
 *   <li>Only successful logins are kept, under an HMAC of user id and password with a key made at
 *       start-up and never stored: the cache holds neither passwords nor hashes that could be tried
 *       offline, and a wrong password never matches a kept entry.
 *   <li>An entry lives {@code handoff.security.principal-cache.expiry} (60 s by default) from the
 *       login that made it.
 *   <li>Every change the engine makes to a user (password, profile, lock, deletion), a membership
 *       or a group on this node evicts the users concerned at once, again after the change commits
 *       ({@link TechnicalUserIdentityProvider}); so does a wrong password for a user, so that the
 *       engine's delay and lock-out after wrong passwords apply at once. Changes made on another
 *       node, or in the database directly, take effect here within the expiry.
 * </ul>
 */
@Component
public class AuthenticatedPrincipalCache {

  /** A user who logged in, with the groups they were a member of then. */
  public record Principal(String userId, List<String> groups) {
    public Principal {
      groups = List.copyOf(groups);
    }
  }

  private final Cache<String, Principal> cache;
  private final SecretKeySpec key;

  /** Counts evictions, so a login checked before an eviction is not kept after it. */
  private final AtomicLong evictions = new AtomicLong();

  @Autowired
  public AuthenticatedPrincipalCache(HandoffProperties props) {
    this(props.security().principalCache(), Ticker.systemTicker());
  }

  /** With a ticker of the caller's, to test the expiry without waiting. */
  AuthenticatedPrincipalCache(HandoffProperties.PrincipalCache settings, Ticker ticker) {
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(settings.expiry())
            .maximumSize(settings.maxEntries())
            .ticker(ticker)
            .build();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The principal these credentials logged in as within the expiry, if any. */
  public Optional<Principal> find(String userId, String password) {
    return Optional.ofNullable(cache.getIfPresent(keyOf(userId, password)))
        .filter(p -> p.userId().equals(userId));
  }

  /** Taken before a password check, and handed to {@link #remember} with its result. */
  public long stamp() {
    return evictions.get();
  }

  /**
   * Keeps a login whose password the identity service has accepted, unless something was evicted
   * since {@code stamp} was taken: the check may then have read the user before the change.
   */
  public void remember(String password, Principal principal, long stamp) {
    String key = keyOf(principal.userId(), password);
    cache.put(key, principal);
    if (evictions.get() != stamp) {
      cache.invalidate(key);
    }
  }

  /** Forgets every login of this user (their password, groups or lock changed). */
  public void evictUser(String userId) {
    evictions.incrementAndGet();
    cache.asMap().values().removeIf(p -> p.userId().equals(userId));
  }

  /** Forgets every login of a member of this group (the group changed or was deleted). */
  public void evictGroup(String groupId) {
    evictions.incrementAndGet();
    cache.asMap().values().removeIf(p -> p.groups().contains(groupId));
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private String keyOf(String userId, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(userId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
