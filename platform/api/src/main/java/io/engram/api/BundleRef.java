package io.engram.api;

/** A bundle that took part in making a model: its symbolic name and version. */
public record BundleRef(String symbolicName, String version) {
}
