package io.handoff.vendor.screening;

import java.util.List;

/**
 * One listed subject of a sanctions list.
 *
 * @param id the list's own id of the entry (EU FSF: {@code logicalId})
 * @param reference the public reference number (EU FSF: {@code euReferenceNumber})
 * @param subjectType {@code E} (enterprise) or {@code P} (person)
 * @param names the primary name first, then the aliases
 * @param programme the sanctions programme, e.g. {@code IRN}
 * @param country ISO code of the listed address or citizenship, when given
 */
public record SanctionsEntry(
    String id,
    String reference,
    String subjectType,
    List<String> names,
    String programme,
    String country) {

  public SanctionsEntry {
    names = List.copyOf(names);
  }

  public String primaryName() {
    return names.isEmpty() ? "" : names.get(0);
  }

  public List<String> aliases() {
    return names.size() <= 1 ? List.of() : names.subList(1, names.size());
  }
}
