package io.handoff.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Variables in the engine REST API's JSON shape: {@code {"name": {"value": v}}}. */
public final class EngineVariables {

  private EngineVariables() {}

  public static Map<String, Object> of(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
  }
}
