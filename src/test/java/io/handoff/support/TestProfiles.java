package io.handoff.support;

import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Profiles of the shared test context: {@code test}, then those named in the system property {@code
 * handoff.test.profiles} (comma-separated), which therefore override it. The Maven profile {@code
 * postgres-tests} sets {@code test-postgres} to run the whole suite on PostgreSQL.
 */
public class TestProfiles implements ActiveProfilesResolver {

  public static final String EXTRA_PROFILES_PROPERTY = "handoff.test.profiles";

  @Override
  public String[] resolve(Class<?> testClass) {
    return all();
  }

  /** The profiles a test context should run with, {@code test} first. */
  public static String[] all() {
    String extra = System.getProperty(EXTRA_PROFILES_PROPERTY, "");
    return Stream.concat(
            Stream.of("test"),
            Arrays.stream(extra.split(",")).map(String::trim).filter(s -> !s.isEmpty()))
        .toArray(String[]::new);
  }
}
