package io.handoff.platform.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string holding a character no text of the domain API may hold; names the field. */
public class RejectedTextException extends MismatchedInputException {

  private static final long serialVersionUID = 1L;

  RejectedTextException(JsonParser parser, String message) {
    super(parser, message, String.class);
  }
}
