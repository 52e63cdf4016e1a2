package io.handoff.platform.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import com.fasterxml.jackson.databind.type.ReferenceType;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.JsonFieldProblems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Reads a request body to its end even when values in it cannot be read, so that one 400 names
 * every bad field: a value of the wrong type, an enum name that does not exist, a text with a
 * control character or an unknown field is noted with its path and read as absent, and reading goes
 * on with the next field. Only while {@link #collect} runs (reading a domain API request body);
 * every other reading with the same ObjectMapper fails on the first problem as Jackson does.
 */
public final class FieldCollector {

  private static final ThreadLocal<List<FieldProblem>> ACTIVE = new ThreadLocal<>();

  private FieldCollector() {}

  /** The outcome of reading a body: the value (with unreadable fields absent) and the problems. */
  public record Reading(Object value, List<FieldProblem> problems) {}

  /** Runs a read, noting each unreadable value instead of stopping at the first. */
  public static Reading collect(Callable<Object> read) throws IOException {
    List<FieldProblem> outer = ACTIVE.get();
    List<FieldProblem> problems = new ArrayList<>();
    ACTIVE.set(problems);
    try {
      return new Reading(read.call(), List.copyOf(problems));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      if (outer == null) {
        ACTIVE.remove();
      } else {
        ACTIVE.set(outer);
      }
    }
  }

  /**
   * Wraps every deserializer Jackson builds, after {@code inner} modified it, so that each value is
   * read on its own.
   */
  static BeanDeserializerModifier modifier(BeanDeserializerModifier inner) {
    return new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(
          DeserializationConfig config, BeanDescription beanDesc, JsonDeserializer<?> d) {
        return wrap(inner.modifyDeserializer(config, beanDesc, d));
      }

      @Override
      public JsonDeserializer<?> modifyEnumDeserializer(
          DeserializationConfig config,
          JavaType type,
          BeanDescription beanDesc,
          JsonDeserializer<?> d) {
        return wrap(inner.modifyEnumDeserializer(config, type, beanDesc, d));
      }

      @Override
      public JsonDeserializer<?> modifyCollectionDeserializer(
          DeserializationConfig config,
          CollectionType type,
          BeanDescription beanDesc,
          JsonDeserializer<?> d) {
        return wrap(d);
      }

      @Override
      public JsonDeserializer<?> modifyMapDeserializer(
          DeserializationConfig config,
          MapType type,
          BeanDescription beanDesc,
          JsonDeserializer<?> d) {
        return wrap(d);
      }

      @Override
      public JsonDeserializer<?> modifyArrayDeserializer(
          DeserializationConfig config,
          ArrayType type,
          BeanDescription beanDesc,
          JsonDeserializer<?> d) {
        return wrap(d);
      }

      @Override
      public JsonDeserializer<?> modifyReferenceDeserializer(
          DeserializationConfig config,
          ReferenceType type,
          BeanDescription beanDesc,
          JsonDeserializer<?> d) {
        return wrap(d);
      }
    };
  }

  private static JsonDeserializer<?> wrap(JsonDeserializer<?> d) {
    return d instanceof Noting ? d : new Noting(d);
  }

  /** Unknown fields are noted and skipped while collecting; refused at once otherwise. */
  static DeserializationProblemHandler unknownFields() {
    return new DeserializationProblemHandler() {
      @Override
      public boolean handleUnknownProperty(
          DeserializationContext ctxt,
          JsonParser p,
          JsonDeserializer<?> deserializer,
          Object beanOrClass,
          String propertyName)
          throws IOException {
        List<FieldProblem> problems = ACTIVE.get();
        if (problems == null) {
          return false;
        }
        String at = JsonFieldProblems.path(p.getParsingContext());
        if (p.currentToken() == JsonToken.START_OBJECT
            || p.currentToken() == JsonToken.START_ARRAY) {
          at = JsonFieldProblems.path(p.getParsingContext().getParent());
        }
        problems.add(new FieldProblem(at.isEmpty() ? propertyName : at, "unknown field"));
        p.skipChildren();
        return true;
      }
    };
  }

  /** One value read on its own: a failure is noted, the value skipped and read as absent. */
  static final class Noting extends DelegatingDeserializer {

    private static final long serialVersionUID = 1L;

    Noting(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new Noting(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      List<FieldProblem> problems = ACTIVE.get();
      if (problems == null) {
        return super.deserialize(p, ctxt);
      }
      JsonStreamContext outside = outside(p);
      try {
        return super.deserialize(p, ctxt);
      } catch (JsonMappingException e) {
        if (unreadableDocument(e)) {
          throw e;
        }
        return noted(p, ctxt, outside, problems, e);
      }
    }

    @Override
    public Object deserializeWithType(
        JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
        throws IOException {
      List<FieldProblem> problems = ACTIVE.get();
      if (problems == null) {
        return super.deserializeWithType(p, ctxt, typeDeserializer);
      }
      JsonStreamContext outside = outside(p);
      try {
        return super.deserializeWithType(p, ctxt, typeDeserializer);
      } catch (JsonMappingException e) {
        if (unreadableDocument(e)) {
          throw e;
        }
        return noted(p, ctxt, outside, problems, e);
      }
    }

    /**
     * A broken document (malformed JSON, a key twice) cannot be read on: Jackson wraps the parser's
     * exception with the path it stopped at, and it is answered as it is.
     */
    private static boolean unreadableDocument(JsonMappingException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof StreamReadException) {
          return true;
        }
      }
      return false;
    }

    /** The context the value stands in (an object or array opens its own). */
    private static JsonStreamContext outside(JsonParser p) {
      JsonStreamContext context = p.getParsingContext();
      return p.isExpectedStartObjectToken() || p.isExpectedStartArrayToken()
          ? context.getParent()
          : context;
    }

    private Object noted(
        JsonParser p,
        DeserializationContext ctxt,
        JsonStreamContext outside,
        List<FieldProblem> problems,
        JsonMappingException e)
        throws IOException {
      // Skip what is left of the value: the next field is read from where it starts.
      while (p.getParsingContext() != outside && p.nextToken() != null) {
        // skipping
      }
      problems.add(JsonFieldProblems.of(prefix(outside), e));
      return getDelegatee().getNullValue(ctxt);
    }

    private static String prefix(JsonStreamContext outside) {
      String path = JsonFieldProblems.path(outside);
      return path.isEmpty() ? "body" : path;
    }
  }
}
