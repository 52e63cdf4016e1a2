package io.handoff.incident;

/** Posts a message to the operations chat (Slack, Teams, Mattermost incoming webhook). */
public interface ChatNotifier {

  /**
   * @throws ChatDeliveryException when the chat did not accept the message; the engine retries
   */
  void post(String text);

  /** The chat webhook did not accept the message. */
  class ChatDeliveryException extends RuntimeException {
    public ChatDeliveryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
