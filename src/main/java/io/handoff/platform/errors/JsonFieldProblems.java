package io.handoff.platform.errors;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.handoff.platform.api.RejectedTextException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** What a JSON value that cannot be read is told: the field's path and what it should be. */
public final class JsonFieldProblems {

  private JsonFieldProblems() {}

  /**
   * The problem of one value, named by its path: {@code prefix} (where the value stands, or {@code
   * body}) followed by the exception's own path below it.
   */
  public static FieldProblem of(String prefix, JsonMappingException ex) {
    String below = path(ex);
    String field =
        below.isEmpty()
            ? prefix
            : "body".equals(prefix) ? below : prefix + (below.startsWith("[") ? "" : ".") + below;
    return new FieldProblem(field.isEmpty() ? "body" : field, message(ex));
  }

  /** What is wrong with a value, in words a client can act on. */
  public static String message(JsonMappingException ex) {
    if (ex instanceof RejectedTextException rejected) {
      return rejected.getOriginalMessage();
    }
    if (ex instanceof UnrecognizedPropertyException) {
      return "unknown field";
    }
    if (ex instanceof InvalidFormatException invalid) {
      String hint = "";
      Class<?> target = invalid.getTargetType();
      if (target != null && target.isEnum() && invalid.getValue() instanceof String text) {
        for (Object constant : target.getEnumConstants()) {
          if (constant.toString().equalsIgnoreCase(text.strip())) {
            hint = " (names are case-sensitive: write " + constant + ")";
          }
        }
      }
      return "cannot read '" + invalid.getValue() + "' as " + typeName(target) + hint;
    }
    if (ex instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return "wrong type, expected " + typeName(mismatched.getTargetType());
    }
    return ex.getOriginalMessage();
  }

  /** The dotted path ({@code lines[0].sku}) of where a parser stands; empty at the root. */
  public static String path(JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    StringBuilder sb = new StringBuilder();
    for (JsonStreamContext c : chain) {
      if (c.inObject() && c.getCurrentName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(c.getCurrentName());
      } else if (c.inArray() && c.hasCurrentIndex()) {
        sb.append('[').append(c.getCurrentIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** The dotted path an exception carries; empty when it carries none. */
  public static String path(JsonMappingException ex) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : ex.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** A type as the error message names it; an enum with every value it takes. */
  public static String typeName(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        names.add(c.toString());
      }
      return "one of " + names;
    }
    if (type == Integer.class
        || type == Long.class
        || type == int.class
        || type == long.class
        || type == java.math.BigInteger.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == java.time.LocalDate.class) {
      return "a date (yyyy-MM-dd)";
    }
    if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
      return "a timestamp (ISO 8601, e.g. 2026-01-31T09:00:00Z)";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }
}
