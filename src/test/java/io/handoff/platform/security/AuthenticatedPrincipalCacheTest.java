package io.handoff.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.platform.config.HandoffProperties.PrincipalCache;
import io.handoff.platform.security.AuthenticatedPrincipalCache.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthenticatedPrincipalCacheTest {

  final AtomicLong nanos = new AtomicLong();
  final AuthenticatedPrincipalCache cache =
      new AuthenticatedPrincipalCache(new PrincipalCache(Duration.ofSeconds(60), 100), nanos::get);

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void aLoginIsForgottenSixtySecondsAfterItWasChecked() {
    cache.remember("pw", new Principal("erp", List.of("integrators")), cache.stamp());

    advance(Duration.ofSeconds(59));
    assertThat(cache.find("erp", "pw")).map(Principal::groups).contains(List.of("integrators"));
    advance(Duration.ofSeconds(2));
    assertThat(cache.find("erp", "pw")).isEmpty();
  }

  @Test
  void onlyTheSameUserAndPasswordFindALogin() {
    cache.remember("pw", new Principal("erp", List.of()), cache.stamp());

    assertThat(cache.find("erp", "pw")).isPresent();
    assertThat(cache.find("erp", "pw ")).isEmpty();
    assertThat(cache.find("erp", "PW")).isEmpty();
    assertThat(cache.find("erp2", "pw")).isEmpty();
    // user "a" with password "b:c" is not user "a:b" with password "c"
    cache.remember("b:c", new Principal("a", List.of()), cache.stamp());
    assertThat(cache.find("a:b", "c")).isEmpty();
  }

  @Test
  void aLoginCheckedBeforeAnEvictionIsNotKept() {
    long stamp = cache.stamp();
    cache.evictUser("someone-else");

    cache.remember("pw", new Principal("erp", List.of()), stamp);

    assertThat(cache.find("erp", "pw")).isEmpty();
  }

  @Test
  void evictionsForgetTheUserOrTheGroupsMembersOnly() {
    cache.remember("pw", new Principal("erp", List.of("integrators")), cache.stamp());
    cache.remember("pw", new Principal("alice", List.of("accounts-payable")), cache.stamp());
    cache.remember("pw", new Principal("aaron", List.of("accounts-payable")), cache.stamp());

    cache.evictUser("alice");
    assertThat(cache.find("alice", "pw")).isEmpty();
    assertThat(cache.find("aaron", "pw")).isPresent();

    cache.evictGroup("accounts-payable");
    assertThat(cache.find("aaron", "pw")).isEmpty();
    assertThat(cache.find("erp", "pw")).isPresent();
  }

  @Test
  void anExpiryOfZeroRemembersNothing() {
    AuthenticatedPrincipalCache off =
        new AuthenticatedPrincipalCache(new PrincipalCache(Duration.ZERO, 100), nanos::get);

    off.remember("pw", new Principal("erp", List.of()), off.stamp());

    assertThat(off.find("erp", "pw")).isEmpty();
  }
}
