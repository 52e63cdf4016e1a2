package io.handoff.vendor.screening;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.springframework.stereotype.Service;

/**
 * Screens a name against the sanctions list: every name and alias of every entry is compared with
 * the Jaro-Winkler similarity of the normalised names (as written and with the words sorted, so
 * reordered names match too); the best score wins. What a score means (hit, possible match, clear)
 * is decided by the {@code sanctions-screening-outcome} DMN table.
 */
@Service
public class SanctionsScreener {

  private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

  private final SanctionsList list;

  public SanctionsScreener(SanctionsList list) {
    this.list = list;
  }

  /**
   * The best match of a name.
   *
   * @param score similarity 0..1, four decimals
   * @param entry the best-matching entry, null when the list is empty
   * @param matchedName the name or alias of the entry that matched best
   */
  public record Match(BigDecimal score, SanctionsEntry entry, String matchedName) {}

  public Match screen(String name) {
    return screen(name, list.entries());
  }

  /** The entry of the list with that id, if the list still holds it. */
  public java.util.Optional<SanctionsEntry> entry(String id) {
    return list.entries().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  static Match screen(String name, List<SanctionsEntry> entries) {
    String normalized = NameNormalizer.normalize(name);
    String sorted = NameNormalizer.sortedTokens(normalized);
    double best = 0;
    SanctionsEntry bestEntry = null;
    String bestName = null;
    for (SanctionsEntry entry : entries) {
      for (String listed : entry.names()) {
        double score = score(normalized, sorted, NameNormalizer.normalize(listed));
        if (score > best) {
          best = score;
          bestEntry = entry;
          bestName = listed;
        }
      }
    }
    return new Match(
        BigDecimal.valueOf(best).setScale(4, RoundingMode.HALF_UP), bestEntry, bestName);
  }

  static double score(String normalized, String sorted, String listed) {
    if (normalized.isEmpty() || listed.isEmpty()) {
      return 0;
    }
    double direct = SIMILARITY.apply(normalized, listed);
    double reordered = SIMILARITY.apply(sorted, NameNormalizer.sortedTokens(listed));
    return Math.max(direct, reordered);
  }
}
