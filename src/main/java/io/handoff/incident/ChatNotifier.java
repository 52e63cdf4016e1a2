package io.handoff.incident;

/** Posts a message to the operations chat (Slack, Teams, Mattermost incoming webhook). */
public interface ChatNotifier {

  /**
   * Sends the message once the calling step commits, exactly once per key.
   *
   * @param key the event the message is about (one message per key)
   * @param group the group it is for, for the record
   */
  void post(String key, String group, String text, String processInstanceId);
}
