package io.handoff.agent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How far an agent step may act on its own. A human-only step has no agent step at all. */
public enum Autonomy {
  /** The proposal stands, whatever its confidence (a failed call still goes to a person). */
  AUTONOMOUS,
  /** The proposal stands when its confidence reaches the threshold; otherwise a person decides. */
  SUPERVISED,
  /** A person always decides; the proposal is shown to them. */
  SHADOW;

  /** The value used in models and configuration, e.g. {@code supervised}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Autonomy> fromId(String id) {
    return Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst();
  }

  /** The next lower level; empty for shadow, the lowest level an agent step can have. */
  public Optional<Autonomy> lower() {
    return this == SHADOW ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
  }

  /** The lower (more supervised) of two levels. */
  public static Autonomy lowest(Autonomy a, Autonomy b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** Whether a person must decide on a proposal with this confidence. */
  public boolean needsHuman(double confidence, double threshold) {
    return switch (this) {
      case AUTONOMOUS -> false;
      case SUPERVISED -> confidence < threshold;
      case SHADOW -> true;
    };
  }
}
