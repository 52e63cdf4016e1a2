package io.handoff.agent.provider;

import io.handoff.agent.AgentProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The providers a step may name, keyed by provider id: every {@link AgentProvider} bean (the {@code
 * local} provider), plus one LangChain4j provider per entry under {@code handoff.agent.providers}
 * whose chat model class is on the classpath.
 */
@Component
public class AgentProviders {

  private static final Logger log = LoggerFactory.getLogger(AgentProviders.class);

  private final Map<String, AgentProvider> byId = new TreeMap<>();

  @Autowired
  public AgentProviders(List<AgentProvider> beans, AgentProperties props) {
    beans.forEach(p -> byId.put(p.id(), p));
    props
        .providers()
        .forEach(
            (id, settings) -> {
              if (byId.containsKey(id)) {
                return;
              }
              if (ChatModels.available(settings)) {
                byId.put(id, LangChain4jProvider.of(id, settings));
              } else {
                log.warn(
                    "Agent provider '{}' is configured but {} is not on the classpath; steps that"
                        + " name it are routed to a person",
                    id,
                    settings.chatModelClass());
              }
            });
    log.info("Agent providers: {}", byId.keySet());
  }

  /** A registry of exactly these providers. */
  public AgentProviders(List<AgentProvider> providers) {
    providers.forEach(p -> byId.put(p.id(), p));
  }

  public Optional<AgentProvider> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Set<String> ids() {
    return byId.keySet();
  }
}
