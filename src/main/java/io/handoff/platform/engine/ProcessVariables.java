package io.handoff.platform.engine;

import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The one typed reader of process variables for every process: values as forms (Long, Double,
 * String), the REST intake (BigDecimal) and the engine deliver them, read the same way everywhere.
 * Variable names stay in each process's {@code <Process>Variables} class.
 */
public final class ProcessVariables {

  private ProcessVariables() {}

  /** The variable as text, or null. */
  public static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  /** The variable as text; a missing or blank value is a modelling error. */
  public static String requiredString(VariableScope scope, String name) {
    String value = string(scope, name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("Process variable '" + name + "' is missing");
    }
    return value;
  }

  public static Integer integer(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value instanceof Number n) {
      return n.intValue();
    }
    return value == null ? null : Integer.valueOf(value.toString());
  }

  /** A number as the forms (Long or Double) or the REST intake (BigDecimal) deliver it. */
  public static BigDecimal decimal(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d;
    }
    try {
      return new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static Boolean bool(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value instanceof Boolean b) {
      return b;
    }
    return value == null ? null : Boolean.valueOf(value.toString());
  }

  /** True only for a variable that is {@code true}. */
  public static boolean flag(VariableScope scope, String name) {
    return Boolean.TRUE.equals(scope.getVariable(name));
  }
}
