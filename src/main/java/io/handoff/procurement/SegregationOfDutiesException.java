package io.handoff.procurement;

/** A user tried to approve an invoice they requested or whose variance they accepted. */
public class SegregationOfDutiesException extends RuntimeException {

  public SegregationOfDutiesException(String message) {
    super(message);
  }
}
