package io.handoff.platform.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The fields of a Camunda Form (form-js schema): those a person fills in ({@link #inputs()}) and
 * those the form only shows ({@link #displayOnly()}: disabled or read-only fields).
 */
record FormFields(Set<String> inputs, Set<String> displayOnly) {

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

  static final FormFields NONE = new FormFields(Set.of(), Set.of());

  static FormFields parse(InputStream form, ObjectMapper json) throws IOException {
    JsonNode root = json.readTree(form);
    Set<String> inputs = new LinkedHashSet<>();
    Set<String> display = new LinkedHashSet<>();
    collect(root.path("components"), inputs, display);
    return new FormFields(Set.copyOf(inputs), Set.copyOf(display));
  }

  private static void collect(JsonNode components, Set<String> inputs, Set<String> display) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      String key = component.path("key").asText(null);
      if (VALUE_TYPES.contains(type) && key != null && !key.isBlank()) {
        if (isSet(component.get("disabled")) || isSet(component.get("readonly"))) {
          display.add(key);
        } else {
          inputs.add(key);
        }
      }
      // Groups and other containers hold their own components; dynamic lists are not used.
      collect(component.path("components"), inputs, display);
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
