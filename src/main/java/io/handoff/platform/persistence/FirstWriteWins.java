package io.handoff.platform.persistence;

import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a create that races another one answer as if the two had come one after the other.
 *
 * <p>Each create first looks for an earlier record with the same key and answers from it (a repeat
 * or a conflict), then writes, and a unique key of the database holds when two requests pass the
 * look-up at the same moment: the second insert waits for the first transaction and fails with a
 * unique-key violation once it commits (H2 and PostgreSQL alike). Its transaction is rolled back
 * whole, and the answer is then read in a new transaction from what the first one wrote, exactly as
 * the look-up would have found it had the request come a moment later: the same record for an
 * identical request, 409 for different content under the same key. Should the winner no longer be
 * found (it closed in between), the create is tried again.
 */
@Component
public class FirstWriteWins {

  private static final Logger log = LoggerFactory.getLogger(FirstWriteWins.class);

  /** Attempts of a create that keeps losing to others before the violation is given up to. */
  static final int MAX_ATTEMPTS = 3;

  private final TransactionTemplate transactions;

  public FirstWriteWins(PlatformTransactionManager transactionManager) {
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * Runs {@code create} in its own transaction; when it loses a race on a unique key, answers
   * {@code winner} read in a new transaction.
   *
   * @param create looks for an earlier record (answering from it), else writes and answers the new
   *     one
   * @param winner the answer from the record that won the race, as the look-up in {@code create}
   *     gives it (may throw the 409 for different content); empty when it is not found
   */
  public <T> T create(Supplier<T> create, Supplier<Optional<T>> winner) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "a racing create must run in transactions of its own, not inside the caller's");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(status -> create.get());
      } catch (RuntimeException e) {
        if (!isUniqueKeyViolation(e) || attempt == MAX_ATTEMPTS) {
          throw e;
        }
        log.info("A concurrent request wrote the same key first; answering from its record");
        Optional<T> answer = transactions.execute(status -> winner.get());
        if (answer.isPresent()) {
          return answer.get();
        }
      }
    }
  }

  /** Whether a unique key (or primary key) of the database refused the write, at any depth. */
  public static boolean isUniqueKeyViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DuplicateKeyException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
