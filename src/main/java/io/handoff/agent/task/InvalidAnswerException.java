package io.handoff.agent.task;

/** A model answered, but not with what the task asked for. */
public class InvalidAnswerException extends RuntimeException {

  public InvalidAnswerException(String message) {
    super(message);
  }

  public InvalidAnswerException(String message, Throwable cause) {
    super(message, cause);
  }
}
