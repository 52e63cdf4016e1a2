package io.handoff.platform.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a create whose 201 carries no {@code Location}: what it records has no address of its own
 * (a goods receipt shows in its purchase order). Every other 201 of the API documents {@code
 * Location} ({@link OpenApiContract}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface CreatedWithoutLocation {}
