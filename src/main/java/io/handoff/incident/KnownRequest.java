package io.handoff.incident;

/** Requests the platform remediates on its own, without a person. */
public enum KnownRequest {
  NONE,
  PASSWORD_RESET,
  ACCOUNT_LOCKOUT;

  public boolean remediable() {
    return this != NONE;
  }
}
