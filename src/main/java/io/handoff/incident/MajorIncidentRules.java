package io.handoff.incident;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.errors.FieldProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What may be linked to a major incident, the same for the declaration form, the declaration API
 * and the link API: existing incidents, not the major incident itself, not closed, not a major
 * incident, not linked to another major incident.
 */
@Component
public class MajorIncidentRules {

  /** The most incidents one declaration or one call links. */
  public static final int MAX_RELATED = 100;

  private final IncidentRepository incidents;
  private final MajorIncidentRepository majors;

  public MajorIncidentRules(IncidentRepository incidents, MajorIncidentRepository majors) {
    this.incidents = incidents;
    this.majors = majors;
  }

  /** The incident ids in a form's text: separated by commas, semicolons, spaces or new lines. */
  public static List<String> parseIds(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return List.copyOf(
        new LinkedHashSet<>(
            Arrays.stream(text.trim().split("[\\s,;]+")).filter(s -> !s.isEmpty()).toList()));
  }

  /**
   * Every reason the ids cannot be linked to the major incident, one per id, under {@code field}
   * (with the id's index when {@code indexed}).
   */
  public List<FieldProblem> linkProblems(
      String majorId, List<String> relatedIds, String field, boolean indexed) {
    List<FieldProblem> problems = new ArrayList<>();
    if (relatedIds.size() > MAX_RELATED) {
      problems.add(new FieldProblem(field, "at most " + MAX_RELATED + " incidents at once"));
      return problems;
    }
    for (int i = 0; i < relatedIds.size(); i++) {
      String id = relatedIds.get(i);
      String name = indexed ? field + "[" + i + "]" : field;
      String problem = problem(majorId, id);
      if (problem != null) {
        problems.add(new FieldProblem(name, problem));
      }
    }
    return problems;
  }

  /** Why the incident cannot be declared a major incident, if it cannot. */
  public java.util.Optional<String> declarationProblem(String incidentId) {
    Incident incident = incidents.find(incidentId).orElse(null);
    if (incident == null) {
      return java.util.Optional.of("no incident " + incidentId);
    }
    if (!"P1".equals(incident.priority())) {
      return java.util.Optional.of(
          "only a P1 incident can be declared a major incident; this one is "
              + incident.priority());
    }
    if (majors.isMajor(incidentId)) {
      return java.util.Optional.of("incident " + incidentId + " is a major incident already");
    }
    return majors
        .majorOf(incidentId)
        .map(major -> "incident " + incidentId + " is part of major incident " + major);
  }

  private String problem(String majorId, String id) {
    if (id == null || id.isBlank()) {
      return "must not be blank";
    }
    if (id.length() > 36) {
      return "is not an incident id";
    }
    if (id.equals(majorId)) {
      return "a major incident cannot be linked to itself";
    }
    Incident related = incidents.find(id).orElse(null);
    if (related == null) {
      return "no incident " + id;
    }
    if (related.status() == IncidentStatus.CLOSED) {
      return "incident " + id + " is closed";
    }
    if (majors.isMajor(id)) {
      return "incident " + id + " is a major incident itself";
    }
    String other = majors.majorOf(id).orElse(null);
    if (other != null && !other.equals(majorId)) {
      return "incident " + id + " is linked to major incident " + other + " already";
    }
    return null;
  }
}
