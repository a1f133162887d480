package dev.zdm.spring;

/** Stands in for a starter type in the dependency-rule self-test. Never used. */
public final class StarterTypeFixture {}
