package io.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.api.TextLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text a person types into a form of the processes has a declared maximum (form-js {@code
 * validate.maxLength}, which the Tasklist shows as the field's error and the platform checks again
 * on submission); the free texts take the documented limits.
 */
class FormTextLimitsTest {

  /** The long free texts and their documented limits; every other text area is a comment. */
  private static final Map<String, Integer> DOCUMENTED =
      Map.of("contractText", 200_000, "description", 50_000);

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void everyTextInputOfEveryFormDeclaresItsMaximumAndFreeTextsTakeTheDocumentedOnes()
      throws IOException {
    List<String> missing = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> forms = Files.walk(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        for (JsonNode field : json.readTree(form.toFile()).findParents("key")) {
          String type = field.path("type").asText();
          boolean input =
              !field.path("readonly").asBoolean(false) && !field.path("disabled").asBoolean(false);
          if (!input || !(type.equals("textfield") || type.equals("textarea"))) {
            continue;
          }
          checked++;
          String key = field.path("key").asText();
          String where = form.getFileName() + "#" + key;
          JsonNode max = field.path("validate").path("maxLength");
          if (!max.canConvertToInt()) {
            missing.add(where);
          } else if (type.equals("textarea")) {
            int expected = DOCUMENTED.getOrDefault(key, TextLimits.COMMENT_MAX);
            if (max.intValue() != expected) {
              wrong.add(where + " is " + max.intValue() + ", documented " + expected);
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
    assertThat(missing).as("text inputs without maxLength").isEmpty();
    assertThat(wrong).as("text areas whose maxLength is not the documented one").isEmpty();
  }
}
