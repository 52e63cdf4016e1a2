package io.handoff.platform.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a Camunda Form (form-js schema): those a person fills in ({@link #inputs()}), those
 * the form only shows ({@link #displayOnly()}: disabled or read-only fields), and the longest text
 * each input takes ({@link #maxLengths()}: its {@code validate.maxLength}, in characters as form-js
 * counts them).
 */
record FormFields(Set<String> inputs, Set<String> displayOnly, Map<String, Integer> maxLengths) {

  /** form-js field types that carry a value under their {@code key}. */
  private static final Set<String> VALUE_TYPES =
      Set.of(
          "textfield",
          "textarea",
          "number",
          "checkbox",
          "checklist",
          "radio",
          "select",
          "taglist",
          "datetime");

  static final FormFields NONE = new FormFields(Set.of(), Set.of(), Map.of());

  static FormFields parse(InputStream form, ObjectMapper json) throws IOException {
    JsonNode root = json.readTree(form);
    Set<String> inputs = new LinkedHashSet<>();
    Set<String> display = new LinkedHashSet<>();
    Map<String, Integer> maxLengths = new LinkedHashMap<>();
    collect(root.path("components"), inputs, display, maxLengths);
    return new FormFields(Set.copyOf(inputs), Set.copyOf(display), Map.copyOf(maxLengths));
  }

  private static void collect(
      JsonNode components,
      Set<String> inputs,
      Set<String> display,
      Map<String, Integer> maxLengths) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      String key = component.path("key").asText(null);
      if (VALUE_TYPES.contains(type) && key != null && !key.isBlank()) {
        if (isSet(component.get("disabled")) || isSet(component.get("readonly"))) {
          display.add(key);
        } else {
          inputs.add(key);
          JsonNode maxLength = component.path("validate").path("maxLength");
          if (maxLength.canConvertToInt()) {
            maxLengths.put(key, maxLength.intValue());
          }
        }
      }
      // Groups and other containers hold their own components; dynamic lists are not used.
      collect(component.path("components"), inputs, display, maxLengths);
    }
  }

  /** A boolean property that is true, or an expression (which may make it true). */
  private static boolean isSet(JsonNode flag) {
    if (flag == null || flag.isNull()) {
      return false;
    }
    if (flag.isBoolean()) {
      return flag.booleanValue();
    }
    return !"false".equalsIgnoreCase(flag.asText());
  }
}
