package io.handoff.platform.api.list;

import io.handoff.platform.api.list.ListSpec.Direction;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;

/**
 * The query parameters of one list call, read against its {@link ListSpec}. Every bad parameter is
 * collected, so that {@link #validate()} refuses the call with one 400 naming them all: an unknown
 * parameter, a parameter given twice, an unknown enum value, a malformed date, a size outside
 * 1..{@value ListSpec#MAX_SIZE}, an unknown sort key or direction, a cursor that is not one of
 * ours.
 */
public final class ListRequest {

  /** Longest value a text filter takes. */
  public static final int MAX_TEXT = 200;

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}]");

  private final ListSpec spec;
  private final MultiValueMap<String, String> parameters;
  private final List<FieldProblem> problems = new ArrayList<>();
  private final int size;
  private final SortKey sort;
  private final Direction direction;
  private final Cursor cursor;

  public ListRequest(ListSpec spec, MultiValueMap<String, String> parameters) {
    this.spec = spec;
    this.parameters = parameters;
    Set<String> unknown = new TreeSet<>(parameters.keySet());
    unknown.removeAll(spec.filters());
    unknown.removeAll(ListSpec.PAGING_PARAMETERS);
    for (String name : unknown) {
      problems.add(
          new FieldProblem(
              name,
              "unknown parameter; this list takes "
                  + String.join(", ", new TreeSet<>(spec.filters()))
                  + ", size, sort and cursor"));
    }
    this.size = readSize();
    SortKey sortKey = spec.defaultSort();
    Direction dir = spec.defaultDirection();
    Optional<String> sortText = single("sort");
    if (sortText.isPresent()) {
      String[] parts = sortText.get().split(",", -1);
      SortKey named = spec.sortKeysByName().get(parts[0]);
      Direction namedDirection = parts.length > 1 ? direction(parts[1]) : Direction.ASC;
      if (named == null || parts.length > 2 || namedDirection == null) {
        problems.add(
            new FieldProblem(
                "sort",
                "must be <key> or <key>,asc or <key>,desc with key one of "
                    + String.join(", ", spec.sortKeysByName().keySet())));
      } else {
        sortKey = named;
        dir = namedDirection;
      }
    }
    this.sort = sortKey;
    this.direction = dir;
    this.cursor = readCursor();
  }

  private int readSize() {
    Optional<String> text = single("size");
    if (text.isEmpty()) {
      return ListSpec.DEFAULT_SIZE;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value >= 1 && value <= ListSpec.MAX_SIZE) {
        return value;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    problems.add(new FieldProblem("size", "must be a whole number from 1 to " + ListSpec.MAX_SIZE));
    return ListSpec.DEFAULT_SIZE;
  }

  private Cursor readCursor() {
    Optional<String> text = single("cursor");
    if (text.isEmpty()) {
      return null;
    }
    Optional<Cursor> decoded = Cursor.decode(text.get(), spec.sortKeysByName());
    if (decoded.isEmpty()) {
      problems.add(new FieldProblem("cursor", "is not a cursor this list gave out"));
      return null;
    }
    if (!decoded.get().sortKey().equals(sort) || decoded.get().direction() != direction) {
      problems.add(
          new FieldProblem(
              "cursor",
              "belongs to sort "
                  + decoded.get().sortKey().name()
                  + ","
                  + decoded.get().direction().name().toLowerCase(Locale.ROOT)
                  + "; follow the next link or start again without a cursor"));
      return null;
    }
    return decoded.get();
  }

  private static Direction direction(String text) {
    return switch (text) {
      case "asc" -> Direction.ASC;
      case "desc" -> Direction.DESC;
      default -> null;
    };
  }

  /** The one value of a parameter, or a problem when it is given more than once. */
  private Optional<String> single(String name) {
    List<String> values = parameters.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      problems.add(new FieldProblem(name, "must be given at most once"));
      return Optional.empty();
    }
    String value = values.get(0);
    if (value.isEmpty()) {
      problems.add(new FieldProblem(name, "must not be empty when given"));
      return Optional.empty();
    }
    if (CONTROL.matcher(value).find()) {
      problems.add(new FieldProblem(name, "must not contain control characters"));
      return Optional.empty();
    }
    if (value.length() > MAX_TEXT) {
      problems.add(new FieldProblem(name, "must be at most " + MAX_TEXT + " characters"));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** A text filter, matched exactly. */
  public Optional<String> text(String name) {
    return single(name);
  }

  /**
   * An enum filter: one or more names (exactly as written in the API, upper case), comma-separated
   * or the parameter repeated. The answer is empty when the filter is absent.
   */
  public <E extends Enum<E>> Set<E> enums(String name, Class<E> type) {
    List<String> values = parameters.get(name);
    Set<E> result = new LinkedHashSet<>();
    if (values == null) {
      return result;
    }
    Map<String, E> allowed = new LinkedHashMap<>();
    Arrays.stream(type.getEnumConstants()).forEach(e -> allowed.put(e.name(), e));
    List<String> unknown = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        E e = allowed.get(part);
        if (e == null) {
          unknown.add(part);
        } else {
          result.add(e);
        }
      }
    }
    if (!unknown.isEmpty()) {
      problems.add(
          new FieldProblem(
              name,
              "unknown value(s) "
                  + unknown.stream()
                      .map(u -> "'" + CONTROL.matcher(u).replaceAll("?") + "'")
                      .collect(Collectors.joining(", "))
                  + "; allowed: "
                  + String.join(", ", allowed.keySet())));
    }
    return result;
  }

  /**
   * A filter of one or more texts, comma-separated or the parameter repeated, each matching {@code
   * format} (described by {@code expected}).
   */
  public Set<String> texts(String name, Pattern format, String expected) {
    List<String> values = parameters.get(name);
    Set<String> result = new LinkedHashSet<>();
    if (values == null) {
      return result;
    }
    List<String> bad = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        if (format.matcher(part).matches()) {
          result.add(part);
        } else {
          bad.add(part);
        }
      }
    }
    if (!bad.isEmpty()) {
      problems.add(
          new FieldProblem(
              name,
              "malformed value(s) "
                  + bad.stream()
                      .map(u -> "'" + CONTROL.matcher(u).replaceAll("?") + "'")
                      .collect(Collectors.joining(", "))
                  + "; expected "
                  + expected));
    }
    return result;
  }

  /** A date filter, {@code yyyy-MM-dd}. */
  public Optional<LocalDate> date(String name) {
    Optional<String> text = single(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.get()));
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(name, "must be a date yyyy-MM-dd"));
      return Optional.empty();
    }
  }

  /**
   * A point in time: an ISO 8601 instant ({@code 2026-03-01T08:00:00Z}) or a date, meaning its
   * start in UTC.
   */
  public Optional<Instant> instant(String name) {
    Optional<String> text = single(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.get()));
    } catch (DateTimeParseException notAnInstant) {
      try {
        return Optional.of(LocalDate.parse(text.get()).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException e) {
        problems.add(
            new FieldProblem(
                name, "must be an ISO 8601 instant (2026-03-01T08:00:00Z) or a date yyyy-MM-dd"));
        return Optional.empty();
      }
    }
  }

  /** Names a range whose end lies before its start. */
  public <C extends Comparable<? super C>> void range(
      String fromName, Optional<C> from, String toName, Optional<C> to) {
    if (from.isPresent() && to.isPresent() && to.get().compareTo(from.get()) < 0) {
      problems.add(new FieldProblem(toName, "must not be before " + fromName));
    }
  }

  /** Refuses the call with one 400 naming every bad parameter, if there is any. */
  public void validate() {
    InvalidRequestException.throwIfAny(problems);
  }

  public ListSpec spec() {
    return spec;
  }

  public MultiValueMap<String, String> parameters() {
    return parameters;
  }

  public int size() {
    return size;
  }

  public SortKey sort() {
    return sort;
  }

  public Direction direction() {
    return direction;
  }

  /** Where the page starts; empty on the first page. */
  public Optional<Cursor> cursor() {
    return Optional.ofNullable(cursor);
  }
}
