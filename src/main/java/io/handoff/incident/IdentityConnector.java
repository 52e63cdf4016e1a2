package io.handoff.incident;

/**
 * Resets passwords and unlocks accounts in the identity system the incident's reporter uses. The
 * default adapter works on the platform's own identities; an adapter for a directory (LDAP, Entra
 * ID) implements the same interface.
 */
public interface IdentityConnector {

  /**
   * Carries out the request for the user.
   *
   * @throws IdentityRequestRefusedException when the identity system refuses (unknown account,
   *     account not eligible): a person must look at it
   */
  void remediate(String incidentId, String userId, KnownRequest request);

  /** The identity system refused the request: a business outcome, not a technical failure. */
  class IdentityRequestRefusedException extends RuntimeException {
    public IdentityRequestRefusedException(String message) {
      super(message);
    }
  }
}
