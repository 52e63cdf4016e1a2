package io.handoff.platform.decision;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Right;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.feel.FeelEngine$;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.camunda.feel.valuemapper.ValueMapper.CompositeValueMapper;

/**
 * The engine's FEEL engine (Camunda's {@link ScalaFeelEngine}, the same functions and value
 * mappers), with one difference: an expression or unary test is parsed once and its syntax tree
 * kept, instead of being parsed again at every evaluation. Camunda 7's DMN engine hands the FEEL
 * engine the text of every input expression and input entry of a table each time the table is
 * evaluated, and parsing was the largest part of evaluating one (docs/benchmark-method.md).
 *
 * <p>The key is the text itself, so an edited and redeployed table brings new texts and is parsed
 * anew; a text that does not parse is not kept (it fails as before, every time). Syntax trees are
 * immutable and shared between threads, as Camunda 8 does with its parsed expressions.
 */
public final class ParsedFeelExpressions {

  /** Distinct expression texts kept; the shipped tables use a few hundred. */
  static final int MAX_EXPRESSIONS = 10_000;

  private ParsedFeelExpressions() {}

  /** Makes the DMN engine use the caching FEEL engine (before the DMN engine is built). */
  public static void install(DefaultDmnEngineConfiguration dmn) {
    if (dmn.getFeelEngineFactory() != null || dmn.isEnableFeelLegacyBehavior()) {
      return; // another FEEL engine was chosen on purpose
    }
    dmn.setFeelEngineFactory(
        new ScalaFeelEngineFactory() {
          @Override
          public FeelEngine createInstance() {
            // The providers the engine configuration sets on the DMN configuration before building.
            return new CachingScalaFeelEngine(
                dmn.getFeelCustomFunctionProviders() == null
                    ? List.of()
                    : dmn.getFeelCustomFunctionProviders());
          }
        });
  }

  static final class CachingScalaFeelEngine extends ScalaFeelEngine {
    CachingScalaFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
      super(functionProviders);
    }

    @Override
    protected org.camunda.feel.FeelEngine buildFeelEngine(
        CustomFunctionTransformer functions, CompositeValueMapper valueMapper) {
      return new CachingFeelEngine(functions, valueMapper);
    }

    /** How many parsed texts are kept (for tests). */
    long cached() {
      return ((CachingFeelEngine) feelEngine).cached();
    }
  }

  /**
   * FEEL-Scala's engine with the configuration Camunda's builder gives it (no external functions),
   * whose parse methods, which its evaluate methods call, remember what they parsed.
   */
  static final class CachingFeelEngine extends org.camunda.feel.FeelEngine {
    private final Cache<String, Either<Failure, ParsedExpression>> expressions =
        Caffeine.newBuilder().maximumSize(MAX_EXPRESSIONS).build();
    private final Cache<String, Either<Failure, ParsedExpression>> unaryTests =
        Caffeine.newBuilder().maximumSize(MAX_EXPRESSIONS).build();

    CachingFeelEngine(FunctionProvider functions, ValueMapper valueMapper) {
      super(
          functions,
          valueMapper,
          new org.camunda.feel.FeelEngine.Configuration(false),
          FeelEngine$.MODULE$.defaultClock());
    }

    @Override
    public Either<Failure, ParsedExpression> parseExpression(String expression) {
      return parsed(expressions, expression, false);
    }

    @Override
    public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
      return parsed(unaryTests, expression, true);
    }

    private Either<Failure, ParsedExpression> parsed(
        Cache<String, Either<Failure, ParsedExpression>> cache, String text, boolean unary) {
      if (text == null) {
        return unary ? super.parseUnaryTests(text) : super.parseExpression(text);
      }
      Either<Failure, ParsedExpression> known = cache.getIfPresent(text);
      if (known != null) {
        return known;
      }
      Either<Failure, ParsedExpression> result =
          unary ? super.parseUnaryTests(text) : super.parseExpression(text);
      if (result instanceof Right) {
        cache.put(text, result);
      }
      return result;
    }

    long cached() {
      return expressions.estimatedSize() + unaryTests.estimatedSize();
    }
  }
}
