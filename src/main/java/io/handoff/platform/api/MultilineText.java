package io.handoff.platform.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a free-text field of a request (a description, a contract, a comment) that may hold tab,
 * line feed and carriage return. Every other text of the domain API is a single line. No text holds
 * any other control character ({@link StrictJson}).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface MultilineText {}
